package io.wharf.index.ui.repository;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
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
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB"};
    private static final int SHORT_DIGEST = 12;

    private final Clock clock;

    PageFormats(Clock clock) {
        this.clock = clock;
    }

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

    /** {@code 5 minutes ago}, {@code 3 days ago}: how long ago, roughly; {@code never} for no time. */
    public String ago(Instant instant) {
        if (instant == null) {
            return "never";
        }
        Duration elapsed = Duration.between(instant, clock.instant());
        if (elapsed.toMinutes() < 1) {
            return "just now";
        }
        if (elapsed.toHours() < 1) {
            return plural(elapsed.toMinutes(), "minute") + " ago";
        }
        if (elapsed.toDays() < 1) {
            return plural(elapsed.toHours(), "hour") + " ago";
        }
        return elapsed.toDays() < 60 ? plural(elapsed.toDays(), "day") + " ago" : "on " + DAY.format(instant);
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }

    /** Whether {@code value} is an http or https address, the only ones a page makes a link of. */
    public boolean isWebLink(String value) {
        try {
            URI uri = new URI(value);
            return uri.getHost() != null && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException notAnAddress) {
            return false;
        }
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
