package io.wharf.registry.blob;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.registry.api.support.LifecycleApiTest;
import io.wharf.registry.api.support.TestBlob;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Garbage collection's questions read the tables range by range; asked two rows at a time, they find what one
 * question over the whole table finds.
 */
class BlobsInRangesTest extends LifecycleApiTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void rangesOfTwoRowsFindWhatTheWholeTableHolds() {
        for (int i = 0; i < 3; i++) {
            String repository = newRepository("ranges");
            registry.pushImage(repository, "v1");
            registry.pushBlob(repository, TestBlob.random(100));
            registry.pushBlob(repository, TestBlob.random(100));
        }
        Instant later = Instant.now().plusSeconds(3600);
        Blobs wholeTable = new Blobs(jdbc, Integer.MAX_VALUE);
        Blobs twoRowsAtATime = new Blobs(jdbc, 2);

        assertThat(wholeTable.unreferencedLinks(later)).hasSizeGreaterThanOrEqualTo(6)
                .containsExactlyInAnyOrderElementsOf(twoRowsAtATime.unreferencedLinks(later));
        assertThat(wholeTable.collectable(later)).hasSizeGreaterThanOrEqualTo(6)
                .containsExactlyInAnyOrderElementsOf(twoRowsAtATime.collectable(later));
        assertThat(twoRowsAtATime.collectableBytes(later)).isEqualTo(wholeTable.collectableBytes(later))
                .isGreaterThanOrEqualTo(600);
    }
}
