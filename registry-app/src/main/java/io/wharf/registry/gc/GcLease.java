package io.wharf.registry.gc;

import io.wharf.registry.persistence.SqlTimestamps;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Lets one replica at a time run the scheduled garbage collection: a round runs only on the replica that takes the
 * {@code gc} row of {@code job_lease} (a conditional update: the lease is free, ran out, or is this replica's own).
 * It holds the lease while it collects, renewed every {@code RUNNING / 3}, and when done keeps it for one interval,
 * so the next round runs an interval later on whichever replica's timer comes first; the others skip their rounds.
 * A replica that dies mid-collection lets the lease run out within {@code RUNNING}. Collections on demand (admin
 * API) do not take it: concurrent collections are safe anyway, the lease only saves replicas repeating each
 * other's work.
 */
@Component
class GcLease {

    static final String JOB = "gc";
    static final Duration RUNNING = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final Clock clock;
    /** This replica, as the lease's owner. */
    private final String owner = UUID.randomUUID().toString();
    private final ScheduledExecutorService renewal = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gc-lease-renewal");
        thread.setDaemon(true);
        return thread;
    });

    GcLease(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @PreDestroy
    void stopRenewal() {
        renewal.shutdownNow();
    }

    /** Takes the lease for this round; false when another replica holds it (collecting, or collected recently). */
    boolean take() {
        OffsetDateTime now = now();
        return jdbc.sql("update job_lease set owner = :owner, leased_until = :until where job = :job"
                        + " and (leased_until is null or leased_until < :now or owner = :owner)")
                .param("owner", owner).param("until", now.plus(RUNNING)).param("now", now).param("job", JOB)
                .update() == 1;
    }

    /** Runs {@code round} while renewing the lease, then keeps the lease for {@code pause}. */
    void hold(Runnable round, Duration pause) {
        long period = RUNNING.toMillis() / 3;
        ScheduledFuture<?> renewing = renewal.scheduleAtFixedRate(() -> extend(RUNNING), period, period,
                TimeUnit.MILLISECONDS);
        try {
            round.run();
        } finally {
            renewing.cancel(false);
            extend(pause);
        }
    }

    private void extend(Duration by) {
        try {
            jdbc.sql("update job_lease set leased_until = :until where job = :job and owner = :owner")
                    .param("until", now().plus(by)).param("job", JOB).param("owner", owner).update();
        } catch (RuntimeException databaseDown) {
            // The lease then runs out, and another replica may collect: harmless, collections are idempotent.
        }
    }

    private OffsetDateTime now() {
        return SqlTimestamps.utc(clock.instant());
    }
}
