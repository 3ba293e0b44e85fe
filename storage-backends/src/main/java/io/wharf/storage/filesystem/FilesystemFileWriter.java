package io.wharf.storage.filesystem;

import io.wharf.storage.FileWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes straight to a {@link FileChannel}; callers already write in large buffers. */
final class FilesystemFileWriter implements FileWriter {

    private enum State { OPEN, CLOSED, COMMITTED, CANCELLED }

    private final Path file;
    private final FileChannel channel;
    private long size;
    private State state = State.OPEN;

    /** {@code channel} is positioned for appending: at the end of what earlier sessions left, if any. */
    FilesystemFileWriter(Path file, FileChannel channel) throws IOException {
        this.file = file;
        this.channel = channel;
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
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void commit() throws IOException {
        requireOpen();
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
        channel.close();
        Files.deleteIfExists(file);
        state = State.CANCELLED;
    }

    @Override
    public void close() throws IOException {
        if (state == State.OPEN) {
            channel.close();
            state = State.CLOSED;
        }
    }

    private void requireOpen() throws IOException {
        if (state != State.OPEN) {
            throw new IOException("writer for " + file + " is " + state.name().toLowerCase());
        }
    }
}
