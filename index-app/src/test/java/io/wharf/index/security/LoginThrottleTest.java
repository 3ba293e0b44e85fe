package io.wharf.index.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.index.IndexProperties;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The delays of the documented defaults (application.yml, docs/operations.md). */
class LoginThrottleTest {

    private static final IndexProperties.LoginThrottle DEFAULTS = new IndexProperties.LoginThrottle(
            5, Duration.ofMinutes(15), Duration.ofSeconds(1), Duration.ofMinutes(5), 10, List.of());

    @Test
    void fiveFailuresAreFreeThenTheWaitDoublesFromOneSecondUpToFiveMinutes() {
        assertThat(delays(false, 1, 5)).containsOnly(Duration.ZERO);
        assertThat(delays(false, 6, 15)).containsExactly(
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                Duration.ofSeconds(16), Duration.ofSeconds(32), Duration.ofSeconds(64), Duration.ofSeconds(128),
                Duration.ofSeconds(256), Duration.ofMinutes(5));
        assertThat(LoginThrottle.delayAfter(DEFAULTS, 10_000, false)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void underADistributedAttackTheWaitStartsAtTheFirstFailure() {
        assertThat(delays(true, 1, 4)).containsExactly(
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
    }

    private static List<Duration> delays(boolean distributedAttack, int firstFailure, int lastFailure) {
        return IntStream.rangeClosed(firstFailure, lastFailure)
                .mapToObj(failures -> LoginThrottle.delayAfter(DEFAULTS, failures, distributedAttack))
                .toList();
    }
}
