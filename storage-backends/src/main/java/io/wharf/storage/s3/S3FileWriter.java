package io.wharf.storage.s3;

import static io.wharf.storage.s3.S3Driver.translated;

import io.wharf.storage.FileWriter;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * One writer session on an object (see {@link S3Driver}): bytes collect in one part ({@link PartBuffers}: on the heap,
 * or in a spool file when the heap's budget is spent) and go out as multipart-upload parts; closing or committing
 * completes the upload into the object. What a writer holds stays at one part whatever the object's size.
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
    private PartBuffers.Part part;
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

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        requireOpen();
        translated(() -> {
            continueStoredContent();
            changed = true;
            for (int done = 0; done < length; ) {
                int n = part.append(bytes, offset + done, length - done);
                done += n;
                size += n;
                if (part.isFull()) {
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
        try {
            translated(() -> {
                abortUpload();
                driver.client().deleteObject(request -> request.bucket(driver.bucket()).key(key));
                return null;
            });
        } finally {
            releasePart();
        }
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
            releasePart();
        }
    }

    private void releasePart() throws IOException {
        if (part != null) {
            PartBuffers.Part released = part;
            part = null;
            released.close();
        }
    }

    private Void store() throws IOException {
        try {
            if (uploadId == null) {
                driver.putObject(key, part == null ? RequestBody.empty() : part.body());
            } else {
                if (part.size() > 0) {
                    uploadBufferedPart();
                }
                driver.completeMultipartUpload(key, uploadId, parts);
            }
            return null;
        } catch (RuntimeException | IOException e) {
            abortUpload();
            throw e;
        }
    }

    /**
     * Before the first write of an append session: the stored object becomes the upload's first parts
     * (server-side) when it is large enough to be a part, else it is read back into the part.
     */
    private void continueStoredContent() throws IOException {
        if (part != null) {
            return;
        }
        part = driver.takePart();
        if (storedSize >= S3Settings.MIN_PART_SIZE) {
            uploadId = driver.createMultipartUpload(key);
            parts.addAll(driver.copyParts(key, uploadId, key, storedSize, 1));
        } else if (storedSize > 0) {
            try (InputStream stored = driver.client().getObject(request -> request.bucket(driver.bucket()).key(key))) {
                part.appendFrom(stored, (int) storedSize);
            }
            if (part.size() != storedSize) {
                throw new IOException("object " + key + " shrank while being appended to");
            }
        }
        storedSize = 0;
    }

    private void uploadBufferedPart() throws IOException {
        if (uploadId == null) {
            uploadId = driver.createMultipartUpload(key);
        }
        int partNumber = parts.size() + 1;
        String etag = driver.client().uploadPart(request -> request.bucket(driver.bucket()).key(key)
                .uploadId(uploadId).partNumber(partNumber), part.body()).eTag();
        parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
        part.clear();
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
