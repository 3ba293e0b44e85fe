package io.wharf.index.requester;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LastUseTest {

    private static final Instant RECORDED = Instant.parse("2026-12-06T08:00:00Z");

    @Test
    void aFirstUseIsRecorded() {
        assertThat(LastUse.recorded(null, RECORDED)).isEqualTo(RECORDED);
    }

    @Test
    void aUseWithinAMinuteKeepsTheRecordedTimeAndALaterOneReplacesIt() {
        assertThat(LastUse.recorded(RECORDED, RECORDED.plusSeconds(59))).isEqualTo(RECORDED);
        assertThat(LastUse.recorded(RECORDED, RECORDED.plus(LastUse.PRECISION))).isEqualTo(RECORDED
                .plus(LastUse.PRECISION));
    }
}
