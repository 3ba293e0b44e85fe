package io.wharf.storage;

import java.io.Closeable;
import java.io.IOException;

/**
 * Writes a file in one or more sessions. Bytes written are kept when the writer is closed, so that a
 * later {@code writer(path, true)} can continue (a resumable upload); {@link #commit()} makes the
 * content final and durable; {@link #cancel()} throws it away.
 */
public interface FileWriter extends Closeable {

    void write(byte[] buffer, int offset, int length) throws IOException;

    /** Bytes in the file so far, including those written by earlier sessions that were appended to. */
    long size();

    /** Flushes everything durably (fsync or equivalent); no write may follow. */
    void commit() throws IOException;

    /** Discards the content written so far, including that of earlier sessions. */
    void cancel() throws IOException;

    /** Ends this session; written bytes stay for a later append unless the writer was cancelled. */
    @Override
    void close() throws IOException;
}
