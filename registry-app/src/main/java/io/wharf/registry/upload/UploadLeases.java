package io.wharf.registry.upload;

import io.wharf.registry.error.ErrorCode;
import io.wharf.registry.error.RegistryException;
import io.wharf.storage.PathNotFoundException;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Who may append to an upload session right now. Within this process a striped lock serializes the requests on one
 * session; across replicas the append lease does, so that no other replica appends to or completes a session while a
 * request streams into it. No database transaction stays open meanwhile: the lease is a conditional update of the
 * session's row, renewed at half-time by a scheduler of its own (also while a client pauses between bytes), cleared
 * on close.
 */
@Component
class UploadLeases {

    /** More stripes than busy uploads is enough. */
    private static final int LOCK_STRIPES = 256;

    private final Uploads uploads;
    private final Clock clock;
    private final Duration appendLease;
    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];
    private final ScheduledExecutorService leaseRenewal = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "upload-lease-renewal");
        thread.setDaemon(true);
        return thread;
    });

    UploadLeases(Uploads uploads, Clock clock, UploadsProperties properties) {
        this.uploads = uploads;
        this.clock = clock;
        this.appendLease = properties.appendLease();
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    @PreDestroy
    void stopLeaseRenewal() {
        leaseRenewal.shutdownNow();
    }

    /** The lock that serializes requests on the session within this process. */
    ReentrantLock lockFor(String uploadId) {
        return locks[Math.floorMod(uploadId.hashCode(), LOCK_STRIPES)];
    }

    /**
     * Takes the append lease of session {@code uploadId} of {@code repository}; empty when the session is unknown,
     * another repository's, or leased by another request.
     */
    Optional<Lease> take(String uploadId, String repository) {
        String owner = UUID.randomUUID().toString();
        Instant now = clock.instant();
        if (uploads.takeLease(uploadId, repository, owner, now, now.plus(appendLease)) == 0) {
            return Optional.empty();
        }
        return Optional.of(new Lease(uploadId, owner));
    }

    /**
     * Starts session {@code upload} with its append lease held by the caller: a monolithic upload, which nobody else
     * can know of before it ends.
     */
    Lease startLeased(Upload upload) {
        String owner = UUID.randomUUID().toString();
        Instant now = clock.instant();
        uploads.insertLeased(upload, now, owner, now.plus(appendLease));
        return new Lease(upload.id(), owner);
    }

    /** A held append lease; {@link #check} stops the stream if renewing it failed (someone else may have it). */
    final class Lease implements AutoCloseable {

        private final String uploadId;
        private final String owner;
        private final ScheduledFuture<?> renewal;
        private volatile boolean lost;
        private boolean released;

        Lease(String uploadId, String owner) {
            this.uploadId = uploadId;
            this.owner = owner;
            long periodMillis = Math.max(1, appendLease.toMillis() / 2);
            this.renewal = leaseRenewal.scheduleAtFixedRate(this::renew, periodMillis, periodMillis,
                    TimeUnit.MILLISECONDS);
        }

        private void renew() {
            try {
                lost = lost || uploads.renewLease(uploadId, owner, clock.instant().plus(appendLease)) == 0;
            } catch (RuntimeException databaseDown) {
                // Retried at the next period; the lease only runs out if this keeps failing for appendLease.
            }
        }

        void check() {
            if (lost) {
                throw new RegistryException(ErrorCode.BLOB_UPLOAD_INVALID, HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
                        "the append lease of upload " + uploadId + " ran out", Map.of());
            }
        }

        /** Releases the lease and marks the session active; the session must still exist. */
        void releaseAndTouch() throws PathNotFoundException {
            renewal.cancel(false);
            Instant now = clock.instant();
            int releasedHere = uploads.releaseLeaseAndTouch(uploadId, owner, now);
            released = true;
            // 0: the session ended, or the lease ran out and another request holds it now (rare: then only touch).
            if (releasedHere == 0 && uploads.touch(uploadId, now) == 0) {
                throw new PathNotFoundException("the session's row is gone");
            }
        }

        /** The session ended (its row deleted) while this lease was held: nothing is left to release. */
        void sessionEnded() {
            renewal.cancel(false);
            released = true;
        }

        @Override
        public void close() {
            if (!released) {
                renewal.cancel(false);
                uploads.releaseLease(uploadId, owner);
            }
        }
    }

}
