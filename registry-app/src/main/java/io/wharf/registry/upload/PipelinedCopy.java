package io.wharf.registry.upload;

import io.wharf.storage.FileWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Copies an upload body into storage on two threads: while one buffer is written to storage in the background, the
 * request thread reads and hashes the next. One client's push then takes as long as the slower of (socket read +
 * SHA-256) and (storage write: the kernel's copy into the page cache, or an S3 part upload), not their sum; the bytes,
 * their order and the digest are the same as a plain loop's.
 */
final class PipelinedCopy {

    /** At most one write in flight per upload; idle threads end after a minute. */
    private static final ExecutorService WRITES = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 1, TimeUnit.MINUTES,
            new SynchronousQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "upload-write");
                thread.setDaemon(true);
                return thread;
            });

    private PipelinedCopy() {
    }

    /**
     * Appends {@code body} to {@code writer} through {@code buffers} and feeds it to {@code digest}; returns the bytes
     * copied. Each buffer is filled whole (the container hands out a few KiB per read): one digest update and one write
     * per buffer. {@code check} runs before each buffer is taken in and throws to stop the copy (an append lease lost
     * to another replica). When this method throws, no write is in flight any more: the caller may close or cancel
     * the writer, and give the buffers back.
     */
    static long copy(InputStream body, FileWriter writer, MessageDigest digest, Runnable check,
            CopyBuffers.Pair buffers) throws IOException {
        Future<?> writing = null;
        long total = 0;
        try {
            for (int next = 0; ; next ^= 1) {
                byte[] buffer = buffers.buffer(next);
                int read = body.readNBytes(buffer, 0, buffer.length);
                if (read <= 0) {
                    break;
                }
                check.run();
                digest.update(buffer, 0, read);
                // The other buffer is free again once its write is done; this one is not touched until then.
                awaitWrite(writing);
                writing = WRITES.submit(() -> {
                    writer.write(buffer, 0, read);
                    return null;
                });
                total += read;
            }
            awaitWrite(writing);
            writing = null;
            return total;
        } finally {
            if (writing != null) {
                awaitQuietly(writing);
            }
        }
    }

    private static void awaitWrite(Future<?> writing) throws IOException {
        if (writing == null) {
            return;
        }
        try {
            writing.get();
        } catch (InterruptedException interrupted) {
            // the write itself still finishes: the finally block waits for it
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing an upload");
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause);
        }
    }

    /** After a failure on the request thread: the writer must not be closed under a write in flight. */
    private static void awaitQuietly(Future<?> writing) {
        boolean interrupted = Thread.interrupted();
        while (true) {
            try {
                writing.get();
                break;
            } catch (InterruptedException again) {
                interrupted = true;
            } catch (ExecutionException ignored) {
                // the request already fails for another reason
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
