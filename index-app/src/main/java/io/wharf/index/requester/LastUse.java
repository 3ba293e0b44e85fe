package io.wharf.index.requester;

import java.time.Duration;
import java.time.Instant;

/**
 * When a credential's "last used" time is written again: at most once a minute. A CI fleet asking for tokens with
 * one access token then reads its row instead of writing it at every request (the pages show the day of last use).
 */
public final class LastUse {

    static final Duration PRECISION = Duration.ofMinutes(1);

    private LastUse() {
    }

    /** The time to record for a use at {@code now}: {@code now}, or {@code recorded} when that is recent enough. */
    public static Instant recorded(Instant recorded, Instant now) {
        return recorded == null || !now.isBefore(recorded.plus(PRECISION)) ? now : recorded;
    }
}
