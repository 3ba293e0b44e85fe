package io.wharf.registry.persistence;

import java.time.Duration;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.dao.PessimisticLockingFailureException;

/**
 * Runs a whole transaction again when the database rolled it back over a lock conflict (chosen as a deadlock's
 * victim, or a lock wait timed out): the other transaction went ahead, so the next try normally succeeds, and the
 * client gets the outcome rather than a 500. Only for transactions that are safe to repeat from their start.
 */
public final class LockConflicts {

    private static final RetryTemplate RETRY = new RetryTemplate(RetryPolicy.builder()
            .includes(PessimisticLockingFailureException.class)
            .maxRetries(3)
            .delay(Duration.ofMillis(20))
            .jitter(Duration.ofMillis(10))
            .multiplier(2)
            .build());

    private LockConflicts() {
    }

    /** Runs {@code transaction}, again up to 3 times if it lost a lock conflict; other failures pass through. */
    public static void retry(Runnable transaction) {
        RETRY.invoke(transaction);
    }
}
