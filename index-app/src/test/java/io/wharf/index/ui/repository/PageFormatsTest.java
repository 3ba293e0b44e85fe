package io.wharf.index.ui.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.index.registry.Platform;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageFormatsTest {

    private static final Instant NOW = Instant.parse("2030-01-10T12:00:00Z");

    private final PageFormats formats = new PageFormats(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void sizesInPowersOfAThousand() {
        assertThat(formats.size(0)).isEqualTo("0 B");
        assertThat(formats.size(999)).isEqualTo("999 B");
        assertThat(formats.size(1234)).isEqualTo("1.2 KB");
        assertThat(formats.size(52_400_000)).isEqualTo("52.4 MB");
        assertThat(formats.size(3_000_000_000_000_000L)).isEqualTo("3000.0 TB");
    }

    @Test
    void timesInUtcDigestsShortPlatformsJoined() {
        assertThat(formats.time(Instant.parse("2030-01-01T12:34:56Z"))).isEqualTo("2030-01-01 12:34 UTC");
        assertThat(formats.time(null)).isEqualTo("never");
        assertThat(formats.exactTime(Instant.parse("2030-01-01T12:34:56.789Z"))).isEqualTo("2030-01-01 12:34:56 UTC");
        assertThat(formats.shortDigest("sha256:0123456789abcdef0123")).isEqualTo("0123456789ab");
        assertThat(formats.platforms(List.of(Platform.of("linux", "amd64", null).orElseThrow(),
                Platform.of("linux", "arm64", "v8").orElseThrow()))).isEqualTo("linux/amd64, linux/arm64/v8");
    }

    @Test
    void durationsInTheirLargestWholeUnit() {
        assertThat(formats.duration(Duration.ofDays(30))).isEqualTo("30 days");
        assertThat(formats.duration(Duration.ofHours(36))).isEqualTo("36 hours");
        assertThat(formats.duration(Duration.ofMinutes(90))).isEqualTo("90 minutes");
        assertThat(formats.duration(Duration.ofHours(1))).isEqualTo("1 hour");
        assertThat(formats.duration(Duration.ofSeconds(61))).isEqualTo("61 seconds");
        assertThat(formats.duration(null)).isEqualTo("none");
    }

    @Test
    void timesAgoRoughlyAndOlderOnesAsADay() {
        assertThat(formats.ago(NOW.minusSeconds(20))).isEqualTo("just now");
        assertThat(formats.ago(NOW.minus(Duration.ofMinutes(1)))).isEqualTo("1 minute ago");
        assertThat(formats.ago(NOW.minus(Duration.ofMinutes(59)))).isEqualTo("59 minutes ago");
        assertThat(formats.ago(NOW.minus(Duration.ofHours(5)))).isEqualTo("5 hours ago");
        assertThat(formats.ago(NOW.minus(Duration.ofDays(3)))).isEqualTo("3 days ago");
        assertThat(formats.ago(Instant.parse("2029-01-01T00:00:00Z"))).isEqualTo("on 2029-01-01");
        assertThat(formats.ago(null)).isEqualTo("never");
    }

    @Test
    void onlyHttpAndHttpsAddressesAreLinks() {
        assertThat(formats.isWebLink("https://github.com/acme/app")).isTrue();
        assertThat(formats.isWebLink("http://example.com")).isTrue();
        assertThat(formats.isWebLink("javascript:alert(1)")).isFalse();
        assertThat(formats.isWebLink("file:///etc/passwd")).isFalse();
        assertThat(formats.isWebLink("data:text/html,<b>x</b>")).isFalse();
        assertThat(formats.isWebLink("not a link")).isFalse();
    }
}
