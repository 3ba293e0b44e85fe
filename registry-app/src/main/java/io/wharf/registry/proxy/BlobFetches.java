package io.wharf.registry.proxy;

import io.wharf.contract.files.OwnerOnly;
import io.wharf.contract.proxy.ProxiedName;
import io.wharf.registry.digest.Digest;
import io.wharf.registry.digest.DigestAlgorithm;
import io.wharf.registry.upload.UploadService;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Single-flight blob fetches: however many clients ask for a blob the cache lacks, one request goes upstream. Its
 * bytes go, as they arrive, to storage through the ordinary upload machinery (which hashes them) and into a window
 * of the most recent chunks in memory, which every client reading behind the transfer sends from; a second thread
 * writes the window into a local file for clients that fall behind it or join late. So the first bytes reach all
 * clients while the rest still arrives, and a client that keeps up costs one socket write per chunk. The last byte is
 * held back until all bytes arrived and matched the digest: a transfer that breaks off or brings the wrong content
 * stores nothing and every client's connection breaks before the answer is complete, so no client ever takes wrong
 * bytes for the blob.
 *
 * <p>The upload's running hash tells whether the bytes are right before the commit makes them durable (an fsync of
 * the whole blob), so the clients do not wait for it; clients that come meanwhile still read the file. The bytes are
 * hashed once, by the upload. The window's memory is bounded for all fetches together ({@link RelayMemory}); a full
 * window waits for the file writer, never for a client.
 *
 * <p>The fetch runs on its own thread, not on a client's, so a client that goes away stops nobody else.
 */
@Component
class BlobFetches {

    private static final Logger log = LoggerFactory.getLogger(BlobFetches.class);
    /**
     * The most the local file is written or read per call: the JDK keeps its temporary direct buffers only up to
     * {@code jdk.nio.maxCachedBufferSize} (64 KiB under the launcher) and allocates and zeroes a new one for more.
     */
    private static final int FILE_IO_BYTES = 64 * 1024;
    /** The most chunks a fetch keeps for its clients (1 MiB), while {@link RelayMemory} allows. */
    private static final int WINDOW_CHUNKS = 8;

    private final Map<String, Fetch> running = new ConcurrentHashMap<>();
    private final ExecutorService fetchers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "proxy-blob-fetch");
        thread.setDaemon(true);
        return thread;
    });
    private final UpstreamRegistry upstream;
    private final UploadService uploads;
    private final ProxyMetrics metrics;
    private final ProxyProperties properties;
    private final RelayMemory memory;
    private final Path folder;

    BlobFetches(UpstreamRegistry upstream, UploadService uploads, ProxyMetrics metrics, ProxyProperties properties,
            RelayMemory memory, @Value("${wharf.data-dir}") String dataDirectory) {
        this.upstream = upstream;
        this.memory = memory;
        this.uploads = uploads;
        this.metrics = metrics;
        this.properties = properties;
        this.folder = Path.of(dataDirectory).toAbsolutePath().resolve("registry").resolve("proxy-fetches");
        metrics.blobFetchesRunning(running::size);
        try {
            OwnerOnly.createDirectories(folder);
            // What a process killed mid-fetch left behind; the fetches of this process have not started yet.
            try (var leftovers = Files.list(folder)) {
                for (Path leftover : leftovers.toList()) {
                    Files.deleteIfExists(leftover);
                }
            }
        } catch (IOException unwritable) {
            throw new UncheckedIOException("cannot keep blob fetches in " + folder, unwritable);
        }
    }

    @PreDestroy
    void stop() {
        fetchers.shutdownNow();
    }

    /** A blob on its way from the upstream: its size and a stream of its bytes, read behind the fetch. */
    record Download(long size, InputStream content) {
    }

    /**
     * Joins the running fetch of the blob, or starts one. Empty when the fetch finished and stored the blob in the
     * meantime: the caller serves it from storage. An {@link UpstreamFailure} when the upstream did not start to
     * send it.
     */
    Optional<Download> join(StoredProxy proxy, ProxiedName name, Digest digest) {
        String key = name.stored() + "@" + digest;
        Fetch fetch = running.computeIfAbsent(key, unused -> {
            Fetch started = new Fetch(key, proxy, name, digest, folder.resolve(UUID.randomUUID().toString()));
            fetchers.execute(started);
            return started;
        });
        return fetch.follow();
    }

    /** One upstream transfer and the clients reading behind it. */
    private final class Fetch implements Runnable {

        private final String key;
        private final StoredProxy proxy;
        private final ProxiedName name;
        private final Digest digest;
        private final Path file;
        /** Guarded by this. */
        private long size = -1;
        /** Bytes arrived from the upstream; the window holds the most recent ones, the file all up to inFile. */
        private long received;
        private long inFile;
        /** The most recent chunks, oldest first; the last one is being filled. A chunk leaves once in the file. */
        private final ArrayDeque<Chunk> window = new ArrayDeque<>();
        /** Chunks of the window beyond its first, counted in {@link RelayMemory}. */
        private int reservedChunks;
        private long lastProgressNanos = System.nanoTime();
        /** All bytes arrived and matched the digest: the last one may go out. */
        private boolean verified;
        /** The transfer is over, stored or not: the file writer writes what is left and stops. */
        private boolean ended;
        private boolean fileWriterDone;
        private boolean fileDeleted;
        private RuntimeException failure;
        private UpstreamRegistry.Answer transfer;

        Fetch(String key, StoredProxy proxy, ProxiedName name, Digest digest, Path file) {
            this.key = key;
            this.proxy = proxy;
            this.name = name;
            this.digest = digest;
            this.file = file;
        }

        @Override
        public void run() {
            String uploadId = null;
            boolean stored = false;
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                fetchers.execute(() -> writeFile(out));
                try {
                    uploadId = uploads.start(name.stored()).uploadId();
                    receive(uploadId);
                    uploads.complete(name.stored(), uploadId, digest, null, null, -1);
                    stored = true;
                    // Released here when the running hash could not tell earlier: the commit checked the digest.
                    arrived(digest);
                } finally {
                    // The channel closes after the file writer's last write.
                    endAndAwaitFileWriter();
                }
            } catch (UpstreamFailure upstreamFailure) {
                metrics.upstreamError(proxy.name());
                fail(upstreamFailure);
            } catch (Exception broken) {
                if (isVerified()) {
                    // The clients got the verified blob; the next pull fetches it again.
                    log.warn("blob {} of {} arrived from the upstream of {} but could not be stored: {}", digest,
                            name.upstreamRepository(), proxy.name(), broken.toString());
                } else {
                    metrics.upstreamError(proxy.name());
                    log.warn("fetching blob {} of {} from the upstream of {} failed, nothing stored: {}", digest,
                            name.upstreamRepository(), proxy.name(), broken.toString());
                    fail(new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE, "the transfer of blob " + digest
                            + " broke off"));
                }
            } finally {
                if (uploadId != null && !stored) {
                    cancel(uploadId);
                }
                running.remove(key, this);
                releaseWindow();
                try {
                    // Readers that opened it keep reading it; nobody opens it again.
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // removed at the next start
                }
            }
        }

        /**
         * Appends the upstream's body to the upload session, keeping it in the window for the clients on the way;
         * then releases the last byte if the running hash shows the blob is right.
         */
        private void receive(String uploadId) throws IOException {
            try (UpstreamRegistry.Answer answer = upstream.blob(proxy, name.upstreamRepository(), digest).answer()) {
                long length = answer.contentLength().orElseThrow(() -> new UpstreamFailure(
                        UpstreamFailure.Kind.UNREACHABLE, "the upstream sent blob " + digest
                                + " without a Content-Length"));
                metrics.miss(proxy.name());
                synchronized (this) {
                    size = length;
                    transfer = answer;
                    notifyAll();
                }
                // The upload refuses a body shorter or longer than the length.
                uploads.append(name.stored(), uploadId, new Relay(answer.body()), null, length);
            }
            if (digest.algorithm() == DigestAlgorithm.SHA256) {
                Optional<Digest> actual = uploads.sha256Of(uploadId, size);
                if (actual.isPresent()) {
                    arrived(actual.get());
                }
            }
        }

        private void cancel(String uploadId) {
            try {
                uploads.cancel(name.stored(), uploadId);
            } catch (IOException | RuntimeException alreadyEnded) {
                // a failed append may have ended the session itself
            }
        }

        private synchronized boolean isVerified() {
            return verified;
        }

        private synchronized void fail(RuntimeException cause) {
            if (failure == null) {
                failure = cause;
            }
            notifyAll();
        }

        private synchronized void endAndAwaitFileWriter() {
            ended = true;
            notifyAll();
            boolean interrupted = false;
            while (!fileWriterDone) {
                try {
                    wait();
                } catch (InterruptedException again) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        /** Called once all bytes arrived and their digest is known: the bytes are released only if they are the blob. */
        private synchronized void arrived(Digest actual) throws IOException {
            if (verified) {
                return;
            }
            if (received == size && actual.equals(digest)) {
                verified = true;
                notifyAll();
                return;
            }
            failure = new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE, "the upstream sent " + received
                    + " bytes of " + size + (actual.equals(digest) ? "" : ", not matching the digest"));
            notifyAll();
            throw new IOException(failure.getMessage());
        }

        /** A reader from byte 0, or empty when the blob is stored already; the failure if the fetch failed. */
        Optional<Download> follow() {
            long knownSize;
            synchronized (this) {
                long deadline = System.nanoTime() + properties.readTimeout().toNanos();
                while (size < 0 && failure == null && !fileDeleted) {
                    awaitUntil(deadline);
                }
                if (failure != null && !verified) {
                    throw failure;
                }
                if (fileDeleted) {
                    return Optional.empty();
                }
                knownSize = size;
            }
            try {
                return Optional.of(new Download(knownSize, new Reader(FileChannel.open(file,
                        StandardOpenOption.READ))));
            } catch (IOException raceWithTheEnd) {
                // The fetch ended and removed its file between the check and the open.
                synchronized (this) {
                    if (failure != null) {
                        throw failure;
                    }
                }
                return Optional.empty();
            }
        }

        private void awaitUntil(long deadline) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                abort();
                throw new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE, "the upstream sent nothing for "
                        + properties.readTimeout().toSeconds() + "s");
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE, "interrupted");
            }
        }

        /** Ends a transfer that stalled: dropping the connection makes the fetching thread's read fail. */
        private void abort() {
            if (transfer != null) {
                transfer.abort();
            }
        }

        /**
         * Waits until bytes from {@code position} on may be read; the end of what may be read, or -1 at the end of
         * the blob. The last byte becomes readable only once all bytes arrived and matched the digest.
         */
        private synchronized long readableEnd(long position) throws IOException {
            while (true) {
                if (failure != null && !verified) {
                    throw new IOException("the upstream transfer of " + digest + " failed: " + failure.getMessage());
                }
                long readable = verified ? size : Math.min(received, size - 1);
                if (position < readable) {
                    return readable;
                }
                if (verified) {
                    return -1;
                }
                try {
                    awaitUntil(lastProgressNanos + properties.readTimeout().toNanos());
                } catch (UpstreamFailure stalled) {
                    throw new IOException(stalled.getMessage());
                }
            }
        }

        /** The window's chunk holding byte {@code position}; null when the window moved past it (it is in the file). */
        private synchronized Chunk chunkAt(long position) {
            for (Chunk chunk : window) {
                if (position >= chunk.start && position < chunk.start + RelayMemory.CHUNK_BYTES) {
                    return chunk;
                }
            }
            return null;
        }

        /** Keeps arrived bytes in the window for the clients and the file writer. */
        private void keep(byte[] bytes, int offset, int count) throws IOException {
            for (int done = 0; done < count; ) {
                Chunk chunk = filling();
                // Only this thread writes into the window, and only beyond what it made readable.
                int at = (int) (received - chunk.start);
                int taken = Math.min(RelayMemory.CHUNK_BYTES - at, count - done);
                System.arraycopy(bytes, offset + done, chunk.bytes, at, taken);
                done += taken;
                synchronized (this) {
                    received += taken;
                    lastProgressNanos = System.nanoTime();
                    notifyAll();
                }
            }
        }

        /** The chunk with room for the next bytes: the last one, or a new one (the oldest one's, once in the file). */
        private synchronized Chunk filling() throws IOException {
            Chunk last = window.peekLast();
            if (last != null && received < last.start + RelayMemory.CHUNK_BYTES) {
                return last;
            }
            byte[] array;
            if (window.isEmpty()) {
                array = memory.array();
            } else if (window.size() < WINDOW_CHUNKS && memory.reserve()) {
                reservedChunks++;
                array = memory.array();
            } else {
                array = evictOldest();
            }
            Chunk chunk = new Chunk(received, array);
            window.addLast(chunk);
            return chunk;
        }

        /** Drops the oldest chunk once the file holds it; its array, or a new one while a client still sends it. */
        private byte[] evictOldest() throws IOException {
            Chunk oldest = window.peekFirst();
            while (inFile < oldest.start + RelayMemory.CHUNK_BYTES) {
                if (failure != null) {
                    throw new IOException(failure.getMessage());
                }
                try {
                    wait();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while the local file was written");
                }
            }
            window.removeFirst();
            if (oldest.readers == 0) {
                return oldest.bytes;
            }
            oldest.dropped = true;
            return memory.array();
        }

        /** A client finished sending from the chunk; a chunk the window dropped meanwhile is reused. */
        private synchronized void release(Chunk chunk) {
            chunk.readers--;
            if (chunk.dropped && chunk.readers == 0) {
                memory.recycle(chunk.bytes);
            }
        }

        /** Once the transfer and the file writer ended: clients still reading behind read the file. */
        private synchronized void releaseWindow() {
            for (Chunk chunk : window) {
                if (chunk.readers == 0) {
                    memory.recycle(chunk.bytes);
                } else {
                    chunk.dropped = true;
                }
            }
            window.clear();
            memory.unreserve(reservedChunks);
            reservedChunks = 0;
            fileDeleted = true;
            notifyAll();
        }

        /**
         * Writes the window's bytes into the local file, on its own thread, for clients that fall behind the window
         * or join late; the transfer waits for it only when the window is full.
         */
        private void writeFile(FileChannel out) {
            try {
                while (true) {
                    Chunk chunk;
                    long from;
                    long to;
                    synchronized (this) {
                        while (inFile == received && !ended && failure == null) {
                            wait();
                        }
                        if ((failure != null && !verified) || inFile == received) {
                            return;
                        }
                        chunk = chunkAt(inFile);
                        from = inFile;
                        to = Math.min(received, chunk.start + RelayMemory.CHUNK_BYTES);
                    }
                    for (long at = from; at < to; ) {
                        at += out.write(ByteBuffer.wrap(chunk.bytes, (int) (at - chunk.start),
                                (int) Math.min(FILE_IO_BYTES, to - at)));
                    }
                    synchronized (this) {
                        inFile = to;
                        notifyAll();
                    }
                }
            } catch (IOException | InterruptedException unwritable) {
                log.warn("the local copy of blob {} for the clients of {} could not be written: {}", digest,
                        proxy.name(), unwritable.toString());
                fail(new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE, "the local copy of blob " + digest
                        + " could not be written"));
            } finally {
                synchronized (this) {
                    fileWriterDone = true;
                    notifyAll();
                }
            }
        }

        /** The upstream body, kept in the window for the clients as the upload machinery reads it. */
        private final class Relay extends BulkInputStream {

            private final InputStream body;

            Relay(InputStream body) {
                this.body = body;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int count = body.read(buffer, offset, length);
                if (count > 0) {
                    keep(buffer, offset, count);
                    metrics.upstreamBytes(proxy.name(), count);
                }
                return count;
            }
        }

        /**
         * One client's view of the blob, no further than {@link #readableEnd} allows: from the window while it keeps
         * up, from the local file when it fell behind. {@link #transferTo} hands the window's chunks to the output
         * as they are, without a copy.
         */
        private final class Reader extends BulkInputStream {

            private final FileChannel channel;
            private byte[] fileBuffer;
            private long position;

            Reader(FileChannel channel) {
                this.channel = channel;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                return next(length, (bytes, from, count) -> System.arraycopy(bytes, from, buffer, offset, count));
            }

            @Override
            public long transferTo(OutputStream out) throws IOException {
                long total = 0;
                for (int count; (count = next(Integer.MAX_VALUE, out::write)) >= 0; ) {
                    total += count;
                }
                return total;
            }

            /** Passes at most {@code max} next bytes to {@code sink}; their count, or -1 at the end of the blob. */
            private int next(int max, Sink sink) throws IOException {
                Chunk chunk;
                long end;
                synchronized (Fetch.this) {
                    end = readableEnd(position);
                    if (end < 0) {
                        return -1;
                    }
                    chunk = chunkAt(position);
                    if (chunk != null) {
                        chunk.readers++;
                    }
                }
                int count;
                if (chunk == null) {
                    count = readFile((int) Math.min(max, end - position), sink);
                } else {
                    try {
                        count = (int) Math.min(Math.min((long) max, chunk.start + RelayMemory.CHUNK_BYTES - position),
                                end - position);
                        sink.take(chunk.bytes, (int) (position - chunk.start), count);
                    } finally {
                        release(chunk);
                    }
                }
                position += count;
                return count;
            }

            private int readFile(int max, Sink sink) throws IOException {
                if (fileBuffer == null) {
                    fileBuffer = new byte[FILE_IO_BYTES];
                }
                int count = channel.read(ByteBuffer.wrap(fileBuffer, 0, Math.min(max, FILE_IO_BYTES)), position);
                if (count <= 0) {
                    throw new IOException("the local copy of blob " + digest + " ends before byte " + position);
                }
                sink.take(fileBuffer, 0, count);
                return count;
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        }
    }

    /** Where a reader's next bytes go: the caller's array, or the client's output. */
    @FunctionalInterface
    private interface Sink {
        void take(byte[] bytes, int offset, int count) throws IOException;
    }

    /**
     * Bytes {@code [start, start + CHUNK_BYTES)} of a blob in memory, written once, before they become readable.
     * {@code readers} (clients sending from it right now) and {@code dropped} (out of the window) are guarded by the
     * fetch.
     */
    private static final class Chunk {

        private final long start;
        private final byte[] bytes;
        private int readers;
        private boolean dropped;

        Chunk(long start, byte[] bytes) {
            this.start = start;
            this.bytes = bytes;
        }
    }

    /** A stream read in chunks; a single byte is read as a chunk of one. */
    private abstract static class BulkInputStream extends InputStream {

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }
    }
}
