package io.wharf.storage.s3;

import static io.wharf.storage.s3.S3Driver.translated;

import io.wharf.storage.FileWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * One writer session on an object (see {@link S3Driver}): bytes collect in a buffer of one part and go out as
 * multipart-upload parts; closing or committing completes the upload into the object. Memory stays at one part
 * whatever the object's size.
 */
final class S3FileWriter implements FileWriter {

    private enum State { OPEN, CLOSED, COMMITTED, CANCELLED }

    private final S3Driver driver;
    private final String key;
    /** Bytes of the object this session continues that are not yet part of its upload; -1: no such object. */
    private long storedSize;
    private long size;
    /**
     * Whether ending the session must store its content: it wrote, or it replaces the object, or (like opening a
     * file for appending) it creates a missing one.
     */
    private boolean changed;
    private byte[] buffer;
    private int buffered;
    private String uploadId;
    private final List<CompletedPart> parts = new ArrayList<>();
    private State state = State.OPEN;

    /** @param storedSize the size of the object to append to, or -1 to start (or replace it) empty */
    S3FileWriter(S3Driver driver, String key, long storedSize) {
        this.driver = driver;
        this.key = key;
        this.storedSize = storedSize;
        this.size = Math.max(storedSize, 0);
        this.changed = storedSize < 0;
    }

    /** A request body over the first {@code length} bytes of {@code content}, without copying them. */
    static RequestBody body(byte[] content, int length) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(content, 0, length), length,
                "application/octet-stream");
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        requireOpen();
        translated(() -> {
            continueStoredContent();
            changed = true;
            for (int done = 0; done < length; ) {
                int n = Math.min(length - done, buffer.length - buffered);
                System.arraycopy(bytes, offset + done, buffer, buffered, n);
                buffered += n;
                done += n;
                size += n;
                if (buffered == buffer.length) {
                    uploadBufferedPart();
                }
            }
            return null;
        });
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void commit() throws IOException {
        requireOpen();
        finish(State.COMMITTED);
    }

    @Override
    public void cancel() throws IOException {
        if (state == State.CANCELLED || state == State.COMMITTED) {
            return;
        }
        state = State.CANCELLED;
        buffer = null;
        translated(() -> {
            abortUpload();
            driver.client().deleteObject(request -> request.bucket(driver.bucket()).key(key));
            return null;
        });
    }

    @Override
    public void close() throws IOException {
        if (state == State.OPEN) {
            finish(State.CLOSED);
        }
    }

    /** Stores this session's content (when it changed anything) as the whole object, and ends the session. */
    private void finish(State end) throws IOException {
        state = end;
        try {
            if (changed) {
                translated(this::store);
            }
        } finally {
            buffer = null;
        }
    }

    private Void store() {
        try {
            if (uploadId == null) {
                driver.putObject(key, buffer == null ? new byte[0] : buffer, buffered);
            } else {
                if (buffered > 0) {
                    uploadBufferedPart();
                }
                driver.completeMultipartUpload(key, uploadId, parts);
            }
            return null;
        } catch (RuntimeException e) {
            abortUpload();
            throw e;
        }
    }

    /**
     * Before the first write of an append session: the stored object becomes the upload's first parts
     * (server-side) when it is large enough to be a part, else it is read back into the buffer.
     */
    private void continueStoredContent() throws IOException {
        if (buffer != null) {
            return;
        }
        buffer = new byte[driver.partSize()];
        if (storedSize >= S3Settings.MIN_PART_SIZE) {
            uploadId = driver.createMultipartUpload(key);
            parts.addAll(driver.copyParts(key, uploadId, key, storedSize, 1));
        } else if (storedSize > 0) {
            try (InputStream stored = driver.client().getObject(request -> request.bucket(driver.bucket()).key(key))) {
                buffered = stored.readNBytes(buffer, 0, (int) storedSize);
            }
            if (buffered != storedSize) {
                throw new IOException("object " + key + " shrank while being appended to");
            }
        }
        storedSize = 0;
    }

    private void uploadBufferedPart() {
        if (uploadId == null) {
            uploadId = driver.createMultipartUpload(key);
        }
        int partNumber = parts.size() + 1;
        String etag = driver.client().uploadPart(request -> request.bucket(driver.bucket()).key(key)
                .uploadId(uploadId).partNumber(partNumber), body(buffer, buffered)).eTag();
        parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
        buffered = 0;
    }

    private void abortUpload() {
        if (uploadId != null) {
            String aborted = uploadId;
            uploadId = null;
            driver.client().abortMultipartUpload(request -> request.bucket(driver.bucket()).key(key)
                    .uploadId(aborted));
        }
    }

    private void requireOpen() throws IOException {
        if (state != State.OPEN) {
            throw new IOException("writer of " + key + " is " + state.name().toLowerCase());
        }
    }
}
