package io.wharf.index.ui.repository;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * How pages write times, sizes and digests; templates call it as {@code ${@pageFormats.time(...)}}. Times are
 * shown in UTC, the zone the registry and the index log in, so that they can be compared with the logs.
 */
@Component("pageFormats")
public class PageFormats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter EXACT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'",
            Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB"};
    private static final int SHORT_DIGEST = 12;

    /** {@code 2026-11-23 08:30 UTC}, or {@code never} for no time. */
    public String time(Instant instant) {
        return instant == null ? "never" : TIME.format(instant);
    }

    /** {@code 2026-11-23 08:30:15 UTC}, for the hover text of a time shown to the minute; empty for no time. */
    public String exactTime(Instant instant) {
        return instant == null ? "" : EXACT_TIME.format(instant);
    }

    /** {@code 30 days}, {@code 12 hours}, {@code 90 minutes}: the largest unit that divides it; {@code none} for none. */
    public String duration(Duration duration) {
        if (duration == null) {
            return "none";
        }
        long seconds = duration.toSeconds();
        if (seconds != 0 && seconds % 86_400 == 0) {
            return plural(seconds / 86_400, "day");
        }
        if (seconds != 0 && seconds % 3_600 == 0) {
            return plural(seconds / 3_600, "hour");
        }
        if (seconds != 0 && seconds % 60 == 0) {
            return plural(seconds / 60, "minute");
        }
        return plural(seconds, "second");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }

    /** {@code 1.5 KB}: powers of 1000, as docker prints sizes. */
    public String size(long bytes) {
        double value = bytes;
        int unit = 0;
        while (value >= 1000 && unit < UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /** The first 12 hex digits of {@code sha256:...}, as docker shows image ids. */
    public String shortDigest(String digest) {
        String hex = digest.substring(digest.indexOf(':') + 1);
        return hex.length() <= SHORT_DIGEST ? hex : hex.substring(0, SHORT_DIGEST);
    }

    /** {@code linux/amd64, linux/arm64/v8}; an empty string when no platform is known. */
    public String platforms(List<?> platforms) {
        return platforms.stream().map(Object::toString).collect(Collectors.joining(", "));
    }
}
