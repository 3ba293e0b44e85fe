package io.wharf.registry.proxy;

import io.wharf.contract.files.OwnerOnly;
import io.wharf.contract.proxy.ProxiedName;
import io.wharf.registry.digest.Digest;
import io.wharf.registry.digest.DigestAlgorithm;
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
 * bytes go, as they arrive, to storage through the ordinary upload machinery (which hashes them) and to a local file
 * that every client reads behind the writer, so the first bytes reach all of them while the rest still arrives. The
 * last byte is held back until all bytes arrived and matched the digest: a transfer that breaks off or brings the
 * wrong content stores nothing and every client's connection breaks before the answer is complete, so no client ever
 * takes wrong bytes for the blob.
 *
 * <p>The upload's running hash tells whether the bytes are right before the commit makes them durable (an fsync of
 * the whole blob), so the clients do not wait for it; clients that come meanwhile still read the file. The bytes are
 * hashed once, by the upload.
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
            String uploadId = null;
            boolean stored = false;
            try {
                uploadId = uploads.start(name.stored()).uploadId();
                receive(uploadId);
                uploads.complete(name.stored(), uploadId, digest, null, null, -1);
                stored = true;
                // Released here when the running hash could not tell earlier: the commit checked the digest.
                arrived(digest);
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

        /**
         * Appends the upstream's body to the upload session, copying it into the file for the clients on the way;
         * then releases the last byte if the running hash shows the blob is right.
         */
        private void receive(String uploadId) throws IOException {
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
                // The upload refuses a body shorter or longer than the length.
                uploads.append(name.stored(), uploadId, new TeeToFile(answer.body(), out), null, length);
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

        /** Called once all bytes arrived and their digest is known: the bytes are released only if they are the blob. */
        private synchronized void arrived(Digest actual) throws IOException {
            if (verified) {
                return;
            }
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

        /** The upstream body, copied into the local file for the clients as the upload machinery reads it. */
        private final class TeeToFile extends BulkInputStream {

            private final InputStream body;
            private final FileChannel out;

            TeeToFile(InputStream body, FileChannel out) {
                this.body = body;
                this.out = out;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int count = body.read(buffer, offset, length);
                if (count > 0) {
                    for (int done = 0; done < count; ) {
                        done += out.write(ByteBuffer.wrap(buffer, offset + done, Math.min(FILE_IO_BYTES,
                                count - done)));
                    }
                    metrics.upstreamBytes(proxy.name(), count);
                    wrote(count);
                }
                return count;
            }
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
                int count = channel.read(ByteBuffer.wrap(buffer, offset, (int) Math.min(Math.min(length,
                        FILE_IO_BYTES), end - position)), position);
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
