package io.wharf.registry.upload;

import io.wharf.contract.name.RepositoryName;
import io.wharf.registry.blob.Blob;
import io.wharf.registry.blob.BlobService;
import io.wharf.registry.digest.Digest;
import io.wharf.registry.digest.DigestAlgorithm;
import io.wharf.registry.error.ErrorCode;
import io.wharf.registry.error.RegistryException;
import io.wharf.registry.repository.RepositoryService;
import io.wharf.registry.storage.StorageLayout;
import io.wharf.storage.FileWriter;
import io.wharf.storage.PathNotFoundException;
import io.wharf.storage.StorageDriver;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Blob upload sessions: start, append chunks, report progress, complete against a digest, cancel.
 * Bytes stream straight from the request into storage while SHA-256 is computed on the fly; a blob becomes
 * visible only after the whole content matched the digest the client named.
 */
@Service
public class UploadService {

    private static final Pattern UPLOAD_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final int COPY_BUFFER_BYTES = 256 * 1024;

    private final Uploads uploads;
    private final RepositoryService repositories;
    private final BlobService blobs;
    private final StorageDriver driver;
    private final RunningDigests runningDigests;
    private final Clock clock;
    private final UploadLeases leases;
    private final CopyBuffers copyBuffers;

    public UploadService(Uploads uploads, RepositoryService repositories, BlobService blobs,
            StorageDriver driver, RunningDigests runningDigests, Clock clock, UploadLeases leases,
            CopyBuffers copyBuffers) {
        this.uploads = uploads;
        this.repositories = repositories;
        this.blobs = blobs;
        this.driver = driver;
        this.runningDigests = runningDigests;
        this.clock = clock;
        this.leases = leases;
        this.copyBuffers = copyBuffers;
    }

    /** Whether {@code name} has the form this service gives session ids. */
    public static boolean isUploadId(String name) {
        return name != null && UPLOAD_ID.matcher(name).matches();
    }

    public UploadProgress start(RepositoryName name) {
        Upload upload = uploads.insert(new Upload(UUID.randomUUID().toString(), name.value()), clock.instant());
        return new UploadProgress(upload.id(), 0);
    }

    public UploadProgress status(RepositoryName name, String uploadId) throws IOException {
        Upload upload = require(name, uploadId);
        try (FileWriter writer = driver.writer(StorageLayout.uploadData(upload.id()), true)) {
            return new UploadProgress(upload.id(), writer.size());
        }
    }

    /**
     * Appends a chunk. With a {@code range} the chunk must start exactly where the upload ends (else 416);
     * without one (docker's single streamed PATCH) the body is appended whole.
     */
    public UploadProgress append(RepositoryName name, String uploadId, InputStream body, ChunkRange range,
            long contentLength) throws IOException {
        requireWellFormed(uploadId);
        ReentrantLock lock = leases.lockFor(uploadId);
        lock.lock();
        try {
            return whileSessionLasts(uploadId, () -> {
                // Two database round trips per chunk: taking the lease also finds the session (and marks it
                // active), releasing it marks it active again.
                try (UploadLeases.Lease lease = lease(name, uploadId)) {
                    RunningDigests.State state;
                    // The writer closes (keeping the bytes) before the lease is released.
                    try (FileWriter writer = driver.writer(StorageLayout.uploadData(uploadId), true)) {
                        state = appendChunk(uploadId, writer, body, range, contentLength, lease);
                    }
                    runningDigests.put(uploadId, state);
                    lease.releaseAndTouch();
                    return new UploadProgress(uploadId, state.offset());
                }
            });
        } finally {
            lock.unlock();
        }
    }

    /**
     * Appends the final chunk (if any), verifies the whole content against {@code expected} and makes it the
     * blob. On a mismatch the session is discarded and nothing becomes visible.
     */
    public Blob complete(RepositoryName name, String uploadId, Digest expected, InputStream body, ChunkRange range,
            long contentLength) throws IOException {
        Upload upload = require(name, uploadId);
        ReentrantLock lock = leases.lockFor(uploadId);
        lock.lock();
        try {
            return whileSessionLasts(uploadId, () -> completeLocked(upload, name, expected, body, range,
                    contentLength));
        } finally {
            lock.unlock();
        }
    }

    private Blob completeLocked(Upload upload, RepositoryName name, Digest expected, InputStream body,
            ChunkRange range, long contentLength) throws IOException {
        try (UploadLeases.Lease lease = lease(name, upload.id())) {
            return completeLeased(upload, name, lease, expected, body, range, contentLength);
        }
    }

    private Blob completeLeased(Upload upload, RepositoryName name, UploadLeases.Lease lease, Digest expected,
            InputStream body, ChunkRange range, long contentLength) throws IOException {
        String uploadId = upload.id();
        RunningDigests.State state;
        try (FileWriter writer = driver.writer(StorageLayout.uploadData(uploadId), true)) {
            state = appendChunk(uploadId, writer, body, range, contentLength, lease);
            writer.commit();
        }
        Digest actual = expected.algorithm() == DigestAlgorithm.SHA256
                ? DigestAlgorithm.SHA256.digestOf(state.digest())
                : rehash(uploadId, state.offset(), expected.algorithm());
        if (!actual.equals(expected)) {
            if (!uploads.existsById(uploadId)) {
                // Ended meanwhile (its data deleted under this request, which then found less or nothing).
                throw ended(uploadId);
            }
            discard(upload, lease);
            throw new RegistryException(ErrorCode.DIGEST_INVALID,
                    "provided digest " + expected + " does not match uploaded content " + actual,
                    Map.of("expected", expected.toString(), "actual", actual.toString()));
        }
        Blob blob = blobs.register(repositories.findOrCreate(name), expected, state.offset(),
                StorageLayout.uploadData(uploadId));
        discard(upload, lease);
        return blob;
    }

    /**
     * A monolithic upload: the whole blob in one request. Its session starts with the append lease held (one
     * statement), as no other request can know of it before it ends.
     */
    public Blob uploadWhole(RepositoryName name, Digest expected, InputStream body, long contentLength)
            throws IOException {
        Upload upload = new Upload(UUID.randomUUID().toString(), name.value());
        ReentrantLock lock = leases.lockFor(upload.id());
        lock.lock();
        try (UploadLeases.Lease lease = leases.startLeased(upload)) {
            return whileSessionLasts(upload.id(),
                    () -> completeLeased(upload, name, lease, expected, body, null, contentLength));
        } finally {
            lock.unlock();
        }
    }

    /**
     * The SHA-256 of the {@code size} bytes a session holds, when this process appended them and still keeps the
     * running hash; empty otherwise. Lets a caller that relays the bytes while storing them learn that they are
     * right before {@link #complete} makes them durable.
     */
    public Optional<Digest> sha256Of(String uploadId, long size) {
        return runningDigests.peek(uploadId, size).map(DigestAlgorithm.SHA256::digestOf);
    }

    public void cancel(RepositoryName name, String uploadId) throws IOException {
        discard(require(name, uploadId));
    }

    /** How many sessions have been idle since {@code cutoff}: what {@link #expireIdleSince} would end. */
    public long countIdleSince(Instant cutoff) {
        return uploads.countIdleSince(cutoff);
    }

    /** Ends every session idle since {@code cutoff} (abandoned by its client) with its data; returns how many. */
    public int expireIdleSince(Instant cutoff) throws IOException {
        List<Upload> idle = uploads.idleSince(cutoff);
        for (Upload upload : idle) {
            ReentrantLock lock = leases.lockFor(upload.id());
            lock.lock();
            try {
                discard(upload);
            } finally {
                lock.unlock();
            }
        }
        return idle.size();
    }

    /** Ends every session of a repository that is being deleted. */
    public void cancelAll(RepositoryName name) throws IOException {
        for (Upload upload : uploads.ofRepository(name.value())) {
            discard(upload);
        }
    }

    /**
     * Runs a step on a session that a repository deletion or an expiry on another replica may end meanwhile (they
     * do not wait for its lease). Ending a session deletes its row, then its data: when the step fails because the
     * row or the data vanished (a write or move finds nothing, a chunk finds the upload empty), the client hears
     * BLOB_UPLOAD_UNKNOWN, as if the session had ended a moment earlier — not a 500 — and what the step wrote is
     * removed.
     */
    private <T> T whileSessionLasts(String uploadId, SessionStep<T> step) throws IOException {
        try {
            return step.run();
        } catch (RegistryException refused) {
            if (refused.code() == ErrorCode.BLOB_UPLOAD_INVALID && !uploads.existsById(uploadId)) {
                throw ended(uploadId);
            }
            throw refused;
        } catch (IOException | DataAccessException failure) {
            if (failure instanceof PathNotFoundException || !uploads.existsById(uploadId)) {
                throw ended(uploadId);
            }
            throw failure;
        }
    }

    private RegistryException ended(String uploadId) throws IOException {
        forgetData(uploadId);
        return new RegistryException(ErrorCode.BLOB_UPLOAD_UNKNOWN, "blob upload " + uploadId
                + " was ended while this request worked on it (its repository was deleted, or it expired)");
    }

    @FunctionalInterface
    private interface SessionStep<T> {
        T run() throws IOException;
    }

    private Upload require(RepositoryName name, String uploadId) {
        requireWellFormed(uploadId);
        return uploads.findById(uploadId)
                .filter(upload -> upload.repositoryName().equals(name.value()))
                .orElseThrow(() -> unknown(uploadId));
    }

    private static void requireWellFormed(String uploadId) {
        if (!isUploadId(uploadId)) {
            throw unknown(uploadId);
        }
    }

    private static RegistryException unknown(String uploadId) {
        return new RegistryException(ErrorCode.BLOB_UPLOAD_UNKNOWN, "blob upload unknown to registry: " + uploadId);
    }

    private RunningDigests.State appendChunk(String uploadId, FileWriter writer, InputStream body, ChunkRange range,
            long contentLength, UploadLeases.Lease lease) throws IOException {
        long offset = writer.size();
        if (range != null) {
            if (range.start() != offset) {
                throw new RegistryException(ErrorCode.BLOB_UPLOAD_INVALID, HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
                        "chunk starts at " + range.start() + " but the upload holds " + offset + " bytes",
                        Map.of("size", offset));
            }
            if (contentLength >= 0 && contentLength != range.length()) {
                throw new RegistryException(ErrorCode.SIZE_INVALID, "Content-Length " + contentLength
                        + " does not match Content-Range length " + range.length());
            }
        }
        RunningDigests.State known = runningDigests.take(uploadId, offset);
        MessageDigest digest = known != null ? known.digest() : rehashPrefix(uploadId, offset);
        long written = 0;
        if (body != null) {
            try (CopyBuffers.Pair buffers = copyBuffers.take()) {
                written = PipelinedCopy.copy(body, writer, digest, lease::check, buffers);
            }
        }
        long declared = range != null ? range.length() : contentLength;
        if (declared >= 0 && written != declared) {
            throw new RegistryException(ErrorCode.SIZE_INVALID,
                    "received " + written + " bytes but " + declared + " were declared");
        }
        return new RunningDigests.State(offset + written, digest);
    }

    /** Recomputes SHA-256 over what is stored: after a restart, or when another replica appended last. */
    private MessageDigest rehashPrefix(String uploadId, long size) throws IOException {
        MessageDigest digest = DigestAlgorithm.SHA256.newMessageDigest();
        if (size > 0) {
            digestStored(uploadId, size, digest);
        }
        return digest;
    }

    private Digest rehash(String uploadId, long size, DigestAlgorithm algorithm) throws IOException {
        MessageDigest digest = algorithm.newMessageDigest();
        digestStored(uploadId, size, digest);
        return algorithm.digestOf(digest);
    }

    private void digestStored(String uploadId, long size, MessageDigest digest) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER_BYTES];
        long remaining = size;
        try (InputStream stored = driver.reader(StorageLayout.uploadData(uploadId), 0)) {
            while (remaining > 0) {
                int read = stored.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (read < 0) {
                    throw new IOException("upload " + uploadId + " is shorter than its recorded size " + size);
                }
                digest.update(buffer, 0, read);
                remaining -= read;
            }
        }
    }

    /**
     * Ends a session: its row, then its staged data (if any is left after a commit moved it). Row first, so that a
     * request still working on the session finds it ended (see {@link #whileSessionLasts}) and removes what it
     * wrote meanwhile.
     */
    private void discard(Upload upload) throws IOException {
        uploads.end(upload.id());
        forgetData(upload.id());
    }

    /** Ends a session whose append lease this request holds, which its row takes along. */
    private void discard(Upload upload, UploadLeases.Lease lease) throws IOException {
        uploads.end(upload.id());
        lease.sessionEnded();
        forgetData(upload.id());
    }

    private void forgetData(String uploadId) throws IOException {
        runningDigests.forget(uploadId);
        deleteData(uploadId);
    }

    /**
     * Deletes the session's folder. A request still writing into it may leave data behind (the driver's delete
     * allows that); that request then finds the row gone and deletes the folder again itself.
     */
    private void deleteData(String uploadId) throws IOException {
        try {
            driver.delete(StorageLayout.uploadFolder(uploadId));
        } catch (PathNotFoundException nothingLeft) {
            // nobody wrote to the session, or its data already became a blob
        }
    }

    /**
     * Takes the session's append lease ({@link UploadLeases}). A session leased elsewhere answers 416 with the stored
     * size: the spec has no "busy", and a chunk racing another one cannot start where the upload will end.
     */
    private UploadLeases.Lease lease(RepositoryName name, String uploadId) throws IOException {
        Optional<UploadLeases.Lease> lease = leases.take(uploadId, name.value());
        if (lease.isEmpty()) {
            require(name, uploadId); // unknown, ended, or another repository's: BLOB_UPLOAD_UNKNOWN
            long size;
            try (FileWriter writer = driver.writer(StorageLayout.uploadData(uploadId), true)) {
                size = writer.size();
            }
            throw new RegistryException(ErrorCode.BLOB_UPLOAD_INVALID, HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
                    "another request is appending to upload " + uploadId + " (it holds " + size
                            + " bytes so far); retry from its end once that request finished",
                    Map.of("size", size));
        }
        return lease.get();
    }
}
