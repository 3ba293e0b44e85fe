package io.wharf.registry.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.storage.FileWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class PipelinedCopyTest {

    private static final int BUFFER = CopyBuffers.WHOLE_BYTES;
    /** Budget for one pair of whole buffers: each copy here takes its own. */
    private static final CopyBuffers ONE_WHOLE_PAIR = new CopyBuffers(
            new UploadsProperties(Duration.ofHours(1), Duration.ofSeconds(30), DataSize.ofBytes(2L * BUFFER)));

    @ParameterizedTest
    @ValueSource(ints = {0, 1, BUFFER - 1, BUFFER, BUFFER + 1, 3 * BUFFER, 12 * BUFFER + 7})
    void storesEveryByteInOrderAndDigestsThem(int size) throws Exception {
        byte[] content = randomBytes(size);
        // a slow writer: a buffer reused before its write finished would show up as wrong bytes
        RecordingWriter writer = new RecordingWriter(2);
        MessageDigest digest = sha256();

        long copied = copy(trickling(content), writer, digest, () -> { });

        assertThat(copied).isEqualTo(size);
        assertThat(writer.bytes.toByteArray()).isEqualTo(content);
        assertThat(digest.digest()).isEqualTo(sha256().digest(content));
    }

    @Test
    void aFailedWriteFailsTheCopyAndNothingIsWrittenAfterIt() {
        RecordingWriter writer = new RecordingWriter(0) {
            @Override
            public void write(byte[] buffer, int offset, int length) throws IOException {
                if (writes.get() == 1) {
                    throw new IOException("disk full");
                }
                super.write(buffer, offset, length);
            }
        };

        assertThatThrownBy(() -> copy(new ByteArrayInputStream(randomBytes(6 * BUFFER)), writer,
                sha256(), () -> { })).isInstanceOf(IOException.class).hasMessage("disk full");
        assertThat(writer.bytes.size()).isEqualTo(BUFFER);
    }

    @Test
    void aFailedCheckStopsTheCopyOnlyAfterTheWriteInFlightEnded() {
        RecordingWriter writer = new RecordingWriter(200);
        AtomicInteger checks = new AtomicInteger();

        assertThatThrownBy(() -> copy(new ByteArrayInputStream(randomBytes(4 * BUFFER)), writer,
                sha256(), () -> {
                    if (checks.incrementAndGet() == 2) {
                        throw new IllegalStateException("lease lost");
                    }
                })).isInstanceOf(IllegalStateException.class).hasMessage("lease lost");
        // the first buffer's write (200 ms) had finished when the copy gave up: the caller may close the writer
        assertThat(writer.writing.get()).isZero();
        assertThat(writer.bytes.size()).isEqualTo(BUFFER);
    }

    @Test
    void smallBuffersStoreEveryByteInOrderToo() throws Exception {
        byte[] content = randomBytes(5 * CopyBuffers.SMALL_BYTES + 3);
        RecordingWriter writer = new RecordingWriter(1);
        MessageDigest digest = sha256();

        try (CopyBuffers.Pair whole = ONE_WHOLE_PAIR.take()) {
            try (CopyBuffers.Pair small = ONE_WHOLE_PAIR.take()) {
                assertThat(small.buffer(0)).as("beyond the budget").hasSize(CopyBuffers.SMALL_BYTES);
                PipelinedCopy.copy(trickling(content), writer, digest, () -> { }, small);
            }
        }

        assertThat(writer.bytes.toByteArray()).isEqualTo(content);
        assertThat(writer.writes.get()).isEqualTo(6);
        assertThat(digest.digest()).isEqualTo(sha256().digest(content));
    }

    /** A copy through a pair of whole buffers, given back afterwards. */
    private static long copy(InputStream body, FileWriter writer, MessageDigest digest, Runnable check)
            throws IOException {
        try (CopyBuffers.Pair buffers = ONE_WHOLE_PAIR.take()) {
            assertThat(buffers.buffer(0)).hasSize(BUFFER);
            return PipelinedCopy.copy(body, writer, digest, check, buffers);
        }
    }

    private static InputStream trickling(byte[] content) {
        // hands out a few KiB per read, like a servlet container
        return new FilterInputStream(new ByteArrayInputStream(content)) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return super.read(buffer, offset, Math.min(length, 5000));
            }
        };
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static MessageDigest sha256() throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256");
    }

    /** Keeps what is written; each write takes {@code millisPerWrite}. */
    private static class RecordingWriter implements FileWriter {

        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final AtomicInteger writes = new AtomicInteger();
        final AtomicInteger writing = new AtomicInteger();
        private final long millisPerWrite;

        RecordingWriter(long millisPerWrite) {
            this.millisPerWrite = millisPerWrite;
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            writing.incrementAndGet();
            try {
                Thread.sleep(millisPerWrite);
            } catch (InterruptedException interrupted) {
                throw new IOException(interrupted);
            }
            synchronized (bytes) {
                bytes.write(buffer, offset, length);
            }
            writes.incrementAndGet();
            writing.decrementAndGet();
        }

        @Override
        public long size() {
            return bytes.size();
        }

        @Override
        public void commit() {
        }

        @Override
        public void cancel() {
        }

        @Override
        public void close() {
        }
    }
}
