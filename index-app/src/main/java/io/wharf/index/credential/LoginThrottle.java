package io.wharf.index.credential;

import static io.wharf.index.persistence.Rows.timestamp;

import io.wharf.index.IndexProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Slows down password guessing without letting anyone lock others out. Failures are counted per (name, client
 * address) in the database ({@code sign_in_failure}), so every replica sees them and a restart forgets nothing:
 *
 * <ul>
 *   <li>the first {@code free-failures} failures of a pair cost nothing;
 *   <li>after each further one, that name is refused from that address for {@code first-delay}, doubling per
 *       failure up to {@code max-delay};
 *   <li>when a name has failed from {@code distributed-addresses} addresses within the window, each of those
 *       addresses is delayed from its first failure on;
 *   <li>a pair is forgotten {@code window} after its last failure, and at once when the name signs in from there.
 * </ul>
 *
 * A delay only ever applies to the name from the address that failed: the owner signing in from their own
 * address, and everyone else from a shared one, are not held up by someone else's guesses.
 */
@Component
public class LoginThrottle {

    /** Column widths: longer names and addresses are cut, which only merges counts nobody could sign in with. */
    private static final int NAME_WIDTH = 255;
    private static final int ADDRESS_WIDTH = 64;

    private final IndexProperties.LoginThrottle settings;
    private final JdbcClient database;
    private final Clock clock;

    public LoginThrottle(IndexProperties properties, JdbcClient database, Clock clock) {
        this.settings = properties.loginThrottle();
        this.database = database;
        this.clock = clock;
    }

    /** @throws LoginThrottledException while this name is delayed from this address */
    public void checkAllowed(String accountName, String clientAddress) {
        Instant now = clock.instant();
        Optional<OffsetDateTime> blockedUntil = database.sql("""
                        SELECT blocked_until FROM sign_in_failure WHERE account_name = ? AND client_address = ?""")
                .params(nameKey(accountName), addressKey(clientAddress))
                .query((row, number) -> row.getObject(1, OffsetDateTime.class))
                .optional();
        blockedUntil.map(OffsetDateTime::toInstant).filter(now::isBefore)
                .ifPresent(until -> {
                    throw new LoginThrottledException(Duration.between(now, until));
                });
    }

    /**
     * Counts a failure and sets the pair's delay. Its own transaction: the caller's rolls back when it answers
     * the failure with an exception, and the count must stay.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordFailure(String accountName, String clientAddress) {
        String name = nameKey(accountName);
        String address = addressKey(clientAddress);
        Instant now = clock.instant();
        OffsetDateTime at = timestamp(now);
        OffsetDateTime forgottenBefore = timestamp(now.minus(settings.window()));
        if (countFailure(name, address, at, forgottenBefore) == 0) {
            try {
                database.sql("""
                                INSERT INTO sign_in_failure (account_name, client_address, failures, last_failure_at, blocked_until)
                                VALUES (?, ?, 1, ?, ?)""")
                        .params(name, address, at, at)
                        .update();
            } catch (DuplicateKeyException concurrentFirstFailure) {
                countFailure(name, address, at, forgottenBefore);
            }
        }
        int failures = database.sql("SELECT failures FROM sign_in_failure WHERE account_name = ? AND client_address = ?")
                .params(name, address)
                .query(Integer.class)
                .single();
        int failingAddresses = database.sql("""
                        SELECT COUNT(*) FROM sign_in_failure WHERE account_name = ? AND last_failure_at >= ?""")
                .params(name, forgottenBefore)
                .query(Integer.class)
                .single();
        Duration delay = delayAfter(settings, failures, failingAddresses >= settings.distributedAddresses());
        database.sql("UPDATE sign_in_failure SET blocked_until = ? WHERE account_name = ? AND client_address = ?")
                .params(timestamp(now.plus(delay)), name, address)
                .update();
    }

    /** Forgets the pair's failures; other addresses' failures for the name stay (they may be a guesser's). */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordSuccess(String accountName, String clientAddress) {
        database.sql("DELETE FROM sign_in_failure WHERE account_name = ? AND client_address = ?")
                .params(nameKey(accountName), addressKey(clientAddress))
                .update();
    }

    /** Deletes the pairs whose failures are forgotten and whose delay is over, hourly; returns how many. */
    @Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.HOURS)
    @Transactional
    public int prune() {
        Instant now = clock.instant();
        return database.sql("DELETE FROM sign_in_failure WHERE last_failure_at < ? AND blocked_until < ?")
                .params(timestamp(now.minus(settings.window())), timestamp(now))
                .update();
    }

    /** The wait after a pair's {@code failures}-th failure within the window. */
    static Duration delayAfter(IndexProperties.LoginThrottle settings, int failures, boolean distributedAttack) {
        int delayed = distributedAttack ? failures : failures - settings.freeFailures();
        if (delayed <= 0) {
            return Duration.ZERO;
        }
        Duration delay = settings.firstDelay();
        for (int doubling = 1; doubling < delayed && delay.compareTo(settings.maxDelay()) < 0; doubling++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : delay;
    }

    private int countFailure(String name, String address, OffsetDateTime at, OffsetDateTime forgottenBefore) {
        return database.sql("""
                        UPDATE sign_in_failure
                        SET failures = CASE WHEN last_failure_at < ? THEN 1 ELSE failures + 1 END, last_failure_at = ?
                        WHERE account_name = ? AND client_address = ?""")
                .params(forgottenBefore, at, name, address)
                .update();
    }

    private static String nameKey(String accountName) {
        // Names are lowercase; folding case keeps "Alice" and "alice" in one count.
        return cut(accountName.toLowerCase(Locale.ROOT), NAME_WIDTH);
    }

    private static String addressKey(String clientAddress) {
        return cut(clientAddress, ADDRESS_WIDTH);
    }

    private static String cut(String value, int width) {
        return value.length() > width ? value.substring(0, width) : value;
    }
}
