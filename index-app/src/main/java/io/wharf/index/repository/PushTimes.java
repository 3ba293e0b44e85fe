package io.wharf.index.repository;

import java.time.Instant;

/** The push times a page's link may name: those both databases hold (years 1 to 9999). */
public final class PushTimes {

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private PushTimes() {
    }

    public static boolean storable(Instant at) {
        return !at.isBefore(EARLIEST) && !at.isAfter(LATEST);
    }
}
