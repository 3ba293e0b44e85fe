package io.wharf.registry.proxy;

import io.wharf.contract.files.OwnerOnly;
import io.wharf.contract.proxy.ProxiedName;
import io.wharf.registry.digest.Digest;
import io.wharf.registry.upload.UploadProgress;
import io.wharf.registry.upload.UploadService;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
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
 * bytes are written to a local file as they arrive, and every client reads that file behind the writer, so the first
 * bytes reach all of them while the rest still arrives. The last byte is held back until all bytes arrived and
 * matched the digest: a transfer that breaks off or brings the wrong content stores nothing and every client's
 * connection breaks before the answer is complete, so no client ever takes wrong bytes for the blob.
 *
 * <p>Once the whole blob arrived, the file goes to storage through the ordinary upload machinery, which checks the
 * digest again and commits. Storing after the transfer, not during it, keeps the storage's writes and its second
 * hash off the path between the upstream's socket and the clients; clients that come meanwhile still read the file.
 *
 * <p>The fetch runs on its own thread, not on a client's, so a client that goes away stops nobody else.
 */
@Component
class BlobFetches {

    private static final Logger log = LoggerFactory.getLogger(BlobFetches.class);
    /** At most the JDK's cached temporary direct buffer (the launcher caps it at 64 KiB), so writes copy once. */
    private static final int CHUNK_BYTES = 64 * 1024;

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
    private final Path folder;

    BlobFetches(UpstreamRegistry upstream, UploadService uploads, ProxyMetrics metrics, ProxyProperties properties,
            @Value("${wharf.data-dir}") String dataDirectory) {
        this.upstream = upstream;
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
        private long written;
        private long lastProgressNanos = System.nanoTime();
        /** All bytes arrived and matched the digest: the last one may go out. */
        private boolean verified;
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
            try {
                receive();
            } catch (UpstreamFailure upstreamFailure) {
                metrics.upstreamError(proxy.name());
                fail(upstreamFailure);
            } catch (Exception broken) {
                metrics.upstreamError(proxy.name());
                log.warn("fetching blob {} of {} from the upstream of {} failed, nothing stored: {}", digest,
                        name.upstreamRepository(), proxy.name(), broken.toString());
                fail(new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE, "the transfer of blob " + digest
                        + " broke off"));
            }
            try {
                if (isVerified()) {
                    store();
                }
            } catch (IOException | RuntimeException unstored) {
                // The clients got the verified blob; the next pull fetches it again.
                log.warn("blob {} of {} arrived from the upstream of {} but could not be stored: {}", digest,
                        name.upstreamRepository(), proxy.name(), unstored.toString());
            } finally {
                running.remove(key, this);
                synchronized (this) {
                    fileDeleted = true;
                    notifyAll();
                }
                try {
                    // Readers that opened it keep reading it; nobody opens it again.
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // removed at the next start
                }
            }
        }

        /** Copies the upstream's body into the file, hashing it on the way; the clients follow the writes. */
        private void receive() throws IOException {
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    UpstreamRegistry.Answer answer = upstream.blob(proxy, name.upstreamRepository(), digest)
                            .answer()) {
                long length = answer.contentLength().orElseThrow(() -> new UpstreamFailure(
                        UpstreamFailure.Kind.UNREACHABLE, "the upstream sent blob " + digest
                                + " without a Content-Length"));
                metrics.miss(proxy.name());
                synchronized (this) {
                    size = length;
                    transfer = answer;
                    notifyAll();
                }
                MessageDigest hash = digest.algorithm().newMessageDigest();
                byte[] buffer = new byte[CHUNK_BYTES];
                InputStream body = answer.body();
                for (int count; (count = body.read(buffer)) >= 0; ) {
                    hash.update(buffer, 0, count);
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, count);
                    while (chunk.hasRemaining()) {
                        out.write(chunk);
                    }
                    metrics.upstreamBytes(proxy.name(), count);
                    wrote(count);
                }
                arrived(digest.algorithm().digestOf(hash));
            }
        }

        /** Through an upload session: verified against the digest again, then committed as the blob and linked. */
        private void store() throws IOException {
            UploadProgress session = uploads.start(name.stored());
            try (InputStream content = Files.newInputStream(file)) {
                uploads.complete(name.stored(), session.uploadId(), digest, content, null, size);
            } catch (IOException | RuntimeException failed) {
                try {
                    uploads.cancel(name.stored(), session.uploadId());
                } catch (IOException | RuntimeException alreadyEnded) {
                    // a digest mismatch ends the session itself
                }
                throw failed;
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

        /** Called at the end of the upstream body: the bytes are released only when they are the blob. */
        private synchronized void arrived(Digest actual) throws IOException {
            if (written == size && actual.equals(digest)) {
                verified = true;
                notifyAll();
                return;
            }
            failure = new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE, "the upstream sent " + written
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
                long readable = verified ? size : Math.min(written, size - 1);
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

        private synchronized void wrote(int count) {
            written += count;
            lastProgressNanos = System.nanoTime();
            notifyAll();
        }

        /** One client's view of the blob: the local file, read no further than {@link #readableEnd} allows. */
        private final class Reader extends BulkInputStream {

            private final FileChannel channel;
            private long position;

            Reader(FileChannel channel) {
                this.channel = channel;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                long end = readableEnd(position);
                if (end < 0) {
                    return -1;
                }
                int count = channel.read(ByteBuffer.wrap(buffer, offset, (int) Math.min(length, end - position)),
                        position);
                if (count > 0) {
                    position += count;
                }
                return count;
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
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
