package io.wharf.index.security;

import io.wharf.index.IndexProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: after {@code max-failures} failed sign-ins for one account name, or
 * from one client address, within {@code window} (counted from the first failure), further attempts
 * for that name or address are refused until the window ends.
 *
 * <p>The counts live in this process's memory: they reset on restart and each replica counts on its
 * own, so N replicas allow up to N times the limit. That is acceptable for slowing down guessing; a
 * shared store can replace this class when it is not.
 */
@Component
public class LoginThrottle {

    /** Above this many tracked keys, expired ones are dropped so that the map cannot grow without bound. */
    private static final int PRUNE_THRESHOLD = 10_000;

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, FailureWindow> failures = new ConcurrentHashMap<>();

    public LoginThrottle(IndexProperties properties, Clock clock) {
        this.maxFailures = properties.loginThrottle().maxFailures();
        this.window = properties.loginThrottle().window();
        this.clock = clock;
    }

    /**
     * @param accountName the name the client signs in as, or {@code null} when it names none (a refresh token)
     * @throws LoginThrottledException when the account name or the address has failed too often
     */
    public void checkAllowed(String accountName, String clientAddress) {
        Instant now = clock.instant();
        Duration wait = waitFor(addressKey(clientAddress), now);
        if (accountName != null) {
            Duration accountWait = waitFor(accountKey(accountName), now);
            wait = accountWait.compareTo(wait) > 0 ? accountWait : wait;
        }
        if (!wait.isZero()) {
            throw new LoginThrottledException(wait);
        }
    }

    public void recordFailure(String accountName, String clientAddress) {
        Instant now = clock.instant();
        if (failures.size() > PRUNE_THRESHOLD) {
            failures.values().removeIf(failureWindow -> failureWindow.hasEndedAt(now));
        }
        count(addressKey(clientAddress), now);
        if (accountName != null) {
            count(accountKey(accountName), now);
        }
    }

    /**
     * Forgets the account's failures after it signed in. The address's failures stay: otherwise a guesser
     * could reset its own count by signing in to an account of its own now and then.
     */
    public void recordSuccess(String accountName) {
        failures.remove(accountKey(accountName));
    }

    private void count(String key, Instant now) {
        failures.compute(key, (ignored, current) -> current == null || current.hasEndedAt(now)
                ? new FailureWindow(now.plus(window), 1)
                : new FailureWindow(current.end(), current.count() + 1));
    }

    private Duration waitFor(String key, Instant now) {
        FailureWindow current = failures.get(key);
        if (current == null || current.hasEndedAt(now) || current.count() < maxFailures) {
            return Duration.ZERO;
        }
        return Duration.between(now, current.end());
    }

    private static String accountKey(String accountName) {
        // Names are lowercase; folding case keeps "Alice" and "alice" in one count.
        return "account:" + accountName.toLowerCase(Locale.ROOT);
    }

    private static String addressKey(String clientAddress) {
        return "address:" + clientAddress;
    }

    private record FailureWindow(Instant end, int count) {

        boolean hasEndedAt(Instant now) {
            return !now.isBefore(end);
        }
    }
}
