package io.wharf.index.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.index.IndexProperties;
import io.wharf.index.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final Duration WINDOW = Duration.ofMinutes(5);

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(
            new IndexProperties(null, null, null, null, new IndexProperties.LoginThrottle(3, WINDOW), null, null), clock);

    @Test
    void allowsFailuresUpToTheLimitThenRefusesUntilTheWindowEnds() {
        fail("alice", "10.0.0.1", 2);
        assertThatCode(() -> throttle.checkAllowed("alice", "10.0.0.1")).doesNotThrowAnyException();

        fail("alice", "10.0.0.1", 1);
        clock.advance(Duration.ofMinutes(1));

        assertThatThrownBy(() -> throttle.checkAllowed("alice", "10.0.0.1"))
                .isInstanceOfSatisfying(LoginThrottledException.class,
                        throttled -> assertThat(throttled.retryAfterSeconds()).isEqualTo(4 * 60));

        clock.advance(Duration.ofMinutes(4));
        assertThatCode(() -> throttle.checkAllowed("alice", "10.0.0.1")).doesNotThrowAnyException();
    }

    @Test
    void anAccountIsThrottledFromEveryAddress() {
        fail("alice", "10.0.0.1", 1);
        fail("alice", "10.0.0.2", 1);
        fail("alice", "10.0.0.3", 1);

        assertThatThrownBy(() -> throttle.checkAllowed("alice", "10.0.0.4")).isInstanceOf(LoginThrottledException.class);
        assertThatThrownBy(() -> throttle.checkAllowed("ALICE", "10.0.0.4")).isInstanceOf(LoginThrottledException.class);
        assertThatCode(() -> throttle.checkAllowed("bob", "10.0.0.4")).doesNotThrowAnyException();
    }

    @Test
    void anAddressIsThrottledForEveryAccount() {
        fail("alice", "10.0.0.1", 1);
        fail("bob", "10.0.0.1", 1);
        fail("carol", "10.0.0.1", 1);

        assertThatThrownBy(() -> throttle.checkAllowed("dave", "10.0.0.1")).isInstanceOf(LoginThrottledException.class);
        assertThatThrownBy(() -> throttle.checkAllowed(null, "10.0.0.1")).isInstanceOf(LoginThrottledException.class);
        assertThatCode(() -> throttle.checkAllowed("dave", "10.0.0.2")).doesNotThrowAnyException();
    }

    @Test
    void successForgetsTheAccountsFailuresButNotTheAddresss() {
        fail("alice", "10.0.0.1", 2);
        throttle.recordSuccess("alice");
        fail("alice", "10.0.0.2", 2);

        assertThatCode(() -> throttle.checkAllowed("alice", "10.0.0.2")).doesNotThrowAnyException();

        fail("bob", "10.0.0.1", 1);
        assertThatThrownBy(() -> throttle.checkAllowed("carol", "10.0.0.1")).isInstanceOf(LoginThrottledException.class);
    }

    @Test
    void failuresWithoutAnAccountNameCountForTheAddressOnly() {
        fail(null, "10.0.0.1", 3);

        assertThatThrownBy(() -> throttle.checkAllowed(null, "10.0.0.1")).isInstanceOf(LoginThrottledException.class);
        assertThatCode(() -> throttle.checkAllowed("alice", "10.0.0.2")).doesNotThrowAnyException();
    }

    private void fail(String account, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.recordFailure(account, address);
        }
    }
}
