package io.wharf.index.security;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** Too many failed sign-ins for a name from an address: answered 429 with {@code Retry-After}. */
public class LoginThrottledException extends AuthenticationException {

    private final Duration retryAfter;

    public LoginThrottledException(Duration retryAfter) {
        super("too many failed sign-ins for this name from this address; retry in "
                + retryAfterSeconds(retryAfter) + " seconds");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds to wait, at least one, as the {@code Retry-After} header wants. */
    public long retryAfterSeconds() {
        return retryAfterSeconds(retryAfter);
    }

    private static long retryAfterSeconds(Duration retryAfter) {
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
