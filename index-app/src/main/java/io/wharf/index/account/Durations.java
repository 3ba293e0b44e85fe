package io.wharf.index.account;

import java.time.Duration;

/** Durations as people read them in a mail: "48 hours", "30 minutes". */
final class Durations {

    private Durations() {
    }

    static String describe(Duration duration) {
        if (duration.toDays() >= 2 && duration.toHoursPart() == 0) {
            return duration.toDays() + " days";
        }
        if (duration.toHours() >= 2 && duration.toMinutesPart() == 0) {
            return duration.toHours() + " hours";
        }
        return duration.toMinutes() + " minutes";
    }
}
