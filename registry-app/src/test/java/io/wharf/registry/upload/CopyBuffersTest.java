package io.wharf.registry.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class CopyBuffersTest {

    @Test
    void wholeBuffersWhileTheBudgetLastsSmallOnesBeyondAndTheBudgetComesBack() {
        CopyBuffers buffers = new CopyBuffers(new UploadsProperties(Duration.ofHours(1), Duration.ofSeconds(30),
                DataSize.ofBytes(4L * CopyBuffers.WHOLE_BYTES)));

        CopyBuffers.Pair first = buffers.take();
        CopyBuffers.Pair second = buffers.take();
        CopyBuffers.Pair beyond = buffers.take();

        assertThat(first.buffer(0)).hasSize(CopyBuffers.WHOLE_BYTES);
        assertThat(first.buffer(1)).hasSize(CopyBuffers.WHOLE_BYTES).isNotSameAs(first.buffer(0));
        assertThat(second.buffer(1)).hasSize(CopyBuffers.WHOLE_BYTES);
        assertThat(beyond.buffer(0)).hasSize(CopyBuffers.SMALL_BYTES);
        assertThat(beyond.buffer(1)).hasSize(CopyBuffers.SMALL_BYTES);
        beyond.close();
        assertThat(buffers.take().buffer(0)).as("a small pair gives nothing back").hasSize(CopyBuffers.SMALL_BYTES);
        first.close();
        assertThat(buffers.take().buffer(0)).as("a whole pair given back").hasSize(CopyBuffers.WHOLE_BYTES);
    }

    @Test
    void theShippedBudgetHoldsThirtyTwoUploadsAndAnyBudgetAtLeastOne() {
        assertThat(CopyBuffers.wholePairsWithin(DataSize.ofMegabytes(16).toBytes())).isEqualTo(32);
        assertThat(CopyBuffers.wholePairsWithin(0)).isEqualTo(1);
    }
}
