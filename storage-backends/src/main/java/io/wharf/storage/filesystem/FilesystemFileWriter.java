package io.wharf.storage.filesystem;

import io.wharf.storage.FileWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;

/**
 * Writes straight to a {@link FileChannel}; callers already write in large buffers.
 *
 * <p>Write-behind: every {@link #WRITE_BEHIND_BYTES} a background fdatasync starts (at most one at a time), so the
 * disk writes the first bytes of a large blob while the later ones still arrive, and {@link #commit()}'s own
 * fdatasync finds little left to do; a session closed with unflushed bytes (a chunk of a resumable upload) flushes them
 * in the background too. Durability is unchanged: only {@link #commit()} promises it.
 */
final class FilesystemFileWriter implements FileWriter {

    static final long WRITE_BEHIND_BYTES = 16L << 20;
    /** A session closed with at least this much not yet flushed flushes it in the background before closing. */
    static final long CLOSE_BEHIND_BYTES = 1L << 20;

    private enum State { OPEN, CLOSED, COMMITTED, CANCELLED }

    private final Path file;
    private final FileChannel channel;
    private final Executor flusher;
    private long size;
    private long unflushed;
    private FutureTask<Void> flushing;
    private State state = State.OPEN;

    /** {@code channel} is positioned for appending: at the end of what earlier sessions left, if any. */
    FilesystemFileWriter(Path file, FileChannel channel, Executor flusher) throws IOException {
        this.file = file;
        this.channel = channel;
        this.flusher = flusher;
        this.size = channel.size();
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        requireOpen();
        ByteBuffer bytes = ByteBuffer.wrap(buffer, offset, length);
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        size += length;
        unflushed += length;
        if (unflushed >= WRITE_BEHIND_BYTES && (flushing == null || flushing.isDone())) {
            unflushed = 0;
            flushing = new FutureTask<>(() -> {
                channel.force(false);
                return null;
            });
            flusher.execute(flushing);
        }
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void commit() throws IOException {
        requireOpen();
        awaitFlushing();
        // fdatasync: content and length, not timestamps; the name is made durable when the file is moved.
        channel.force(false);
        channel.close();
        state = State.COMMITTED;
    }

    @Override
    public void cancel() throws IOException {
        if (state == State.COMMITTED) {
            throw new IOException("writer for " + file + " was already committed");
        }
        quietlyAwaitFlushing();
        channel.close();
        Files.deleteIfExists(file);
        state = State.CANCELLED;
    }

    @Override
    public void close() throws IOException {
        if (state != State.OPEN) {
            return;
        }
        state = State.CLOSED;
        if (unflushed < CLOSE_BEHIND_BYTES) {
            quietlyAwaitFlushing();
            channel.close();
            return;
        }
        // A chunk of a resumable upload: its bytes go to disk in the background while the client sends the next one,
        // and the channel closes once they are there (the bytes are already visible to the next writer).
        flusher.execute(() -> {
            try {
                quietlyAwaitFlushing();
                channel.force(false);
            } catch (IOException ignored) {
                // only commit() promises durability
            } finally {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // nothing was left to write
                }
            }
        });
    }

    /** Waits for the background fdatasync, if one runs, and reports its failure. */
    private void awaitFlushing() throws IOException {
        if (flushing == null) {
            return;
        }
        try {
            flushing.get();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while flushing " + file, interrupted);
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof IOException io ? io : new IOException(failed.getCause());
        }
    }

    /** Before the channel closes under it; a failed early flush does not matter to a writer that does not commit. */
    private void quietlyAwaitFlushing() {
        try {
            awaitFlushing();
        } catch (IOException ignored) {
            // only commit() promises durability
        }
    }

    private void requireOpen() throws IOException {
        if (state != State.OPEN) {
            throw new IOException("writer for " + file + " is " + state.name().toLowerCase());
        }
    }
}
