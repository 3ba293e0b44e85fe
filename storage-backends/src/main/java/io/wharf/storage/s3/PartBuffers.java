package io.wharf.storage.s3;

import io.wharf.contract.files.OwnerOnly;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Where S3 writers collect a part before it goes out. A part is at least 5 MiB (S3's minimum), and every writer in use
 * holds one, so a few dozen uploads at once would fill a heap of a few hundred MB. Parts are on the heap while the
 * budget ({@link S3Settings#partMemory}) lasts; beyond it a writer collects its part in a file of its own in the
 * spool folder, which costs disk writes but neither memory nor waiting.
 */
final class PartBuffers {

    private static final String FILE_PREFIX = "part-";
    private static final String FILE_SUFFIX = ".tmp";
    static final Duration ABANDONED_AFTER = Duration.ofHours(1);

    private final int partSize;
    private final Semaphore heapParts;
    private final Path spoolFolder;

    /**
     * Part files in {@code spoolFolder} untouched for {@link #ABANDONED_AFTER} are deleted: a stopped process left
     * them. Younger ones may be another process's (replicas sharing a volume), whose writers append to them at least
     * every connection timeout.
     */
    PartBuffers(int partSize, long partMemory, Path spoolFolder) throws IOException {
        this.partSize = partSize;
        this.heapParts = new Semaphore((int) Math.min(Integer.MAX_VALUE, Math.max(0, partMemory / partSize)));
        this.spoolFolder = OwnerOnly.createDirectories(spoolFolder.toAbsolutePath().normalize());
        Instant abandoned = Instant.now().minus(ABANDONED_AFTER);
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(this.spoolFolder,
                FILE_PREFIX + "*" + FILE_SUFFIX)) {
            for (Path leftover : leftovers) {
                if (Files.getLastModifiedTime(leftover).toInstant().isBefore(abandoned)) {
                    Files.deleteIfExists(leftover);
                }
            }
        }
    }

    /** An empty part; closing it gives its memory back or deletes its file. */
    Part take() throws IOException {
        if (heapParts.tryAcquire()) {
            return new HeapPart(new byte[partSize], heapParts);
        }
        return new FilePart(Files.createTempFile(spoolFolder, FILE_PREFIX, FILE_SUFFIX, OwnerOnly.file()), partSize);
    }

    /** Up to one part size of bytes, sent as one request body. */
    abstract static class Part implements Closeable {

        private final int capacity;
        private int size;

        Part(int capacity) {
            this.capacity = capacity;
        }

        /** Takes as many of the {@code length} bytes as fit; returns how many. */
        final int append(byte[] bytes, int offset, int length) throws IOException {
            int n = Math.min(length, capacity - size);
            store(bytes, offset, n, size);
            size += n;
            return n;
        }

        /** Appends {@code length} bytes of {@code in} (fewer if it ends); returns how many. */
        final int appendFrom(InputStream in, int length) throws IOException {
            byte[] chunk = new byte[64 * 1024];
            int taken = 0;
            while (taken < length) {
                int read = in.read(chunk, 0, Math.min(chunk.length, length - taken));
                if (read < 0) {
                    break;
                }
                for (int done = 0; done < read; ) {
                    done += append(chunk, done, read - done);
                }
                taken += read;
            }
            return taken;
        }

        final int size() {
            return size;
        }

        final boolean isFull() {
            return size == capacity;
        }

        /** What was collected, as a request body; valid until the next change. */
        final RequestBody body() {
            int length = size;
            return RequestBody.fromContentProvider(() -> content(length), length, "application/octet-stream");
        }

        /** Empty again, for the next part. */
        final void clear() throws IOException {
            discard();
            size = 0;
        }

        /** Keeps {@code length} bytes of {@code bytes} from {@code offset}, at {@code position} of the part. */
        abstract void store(byte[] bytes, int offset, int length, int position) throws IOException;

        /** The first {@code length} bytes kept. */
        abstract InputStream content(int length);

        /** Forgets what was kept. */
        abstract void discard() throws IOException;
    }

    private static final class HeapPart extends Part {

        private final byte[] bytes;
        private final Semaphore budget;
        private boolean closed;

        HeapPart(byte[] bytes, Semaphore budget) {
            super(bytes.length);
            this.bytes = bytes;
            this.budget = budget;
        }

        @Override
        void store(byte[] source, int offset, int length, int position) {
            System.arraycopy(source, offset, bytes, position, length);
        }

        @Override
        InputStream content(int length) {
            return new ByteArrayInputStream(bytes, 0, length);
        }

        @Override
        void discard() {
            // overwritten by the next part
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                budget.release();
            }
        }
    }

    private static final class FilePart extends Part {

        private final Path file;
        private final FileChannel channel;

        FilePart(Path file, int capacity) throws IOException {
            super(capacity);
            this.file = file;
            try {
                this.channel = FileChannel.open(file, StandardOpenOption.WRITE);
            } catch (IOException e) {
                Files.deleteIfExists(file);
                throw e;
            }
        }

        @Override
        void store(byte[] source, int offset, int length, int position) throws IOException {
            // the channel's position is already there: parts only grow, and discarding truncates to 0
            ByteBuffer bytes = ByteBuffer.wrap(source, offset, length);
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }

        @Override
        InputStream content(int length) {
            try {
                // the file holds exactly what was kept
                return Files.newInputStream(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        void discard() throws IOException {
            channel.truncate(0);
        }

        @Override
        public void close() throws IOException {
            try {
                channel.close();
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }
}
