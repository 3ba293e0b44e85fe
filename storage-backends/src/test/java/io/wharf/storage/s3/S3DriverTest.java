package io.wharf.storage.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.storage.FileWriter;
import io.wharf.storage.StorageDriver;
import io.wharf.storage.StorageDriverContract;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The storage contract against a real S3 API (S3Proxy), plus what only the S3 driver does. */
class S3DriverTest extends StorageDriverContract {

    private static final int PART = S3Settings.MIN_PART_SIZE;

    private static S3TestServer server;

    /** Where the drivers here spool the parts beyond their heap budget. */
    @TempDir
    static Path spool;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3TestServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    /**
     * Below a key prefix, so the suite also checks that the prefix is honoured; with no heap for parts, so that the
     * suite runs every write through spool files (the replicas below, and the registry's S3 tests, hold theirs on the
     * heap).
     */
    @Override
    protected StorageDriver createDriver() {
        return new S3Driver(server.settings("some/prefix", true, 0, spool));
    }

    @Override
    protected void cleanup() {
        ((S3Driver) driver).close();
    }

    /**
     * A session that ends past a part boundary and one that ends inside a part, each continued by another
     * driver instance (another replica): the stored prefix is copied server-side or read back into the buffer.
     */
    @Test
    void appendResumesOnAnotherInstanceAcrossPartBoundaries() throws Exception {
        byte[] content = randomBytes(2 * PART + PART / 2);
        int[] sessionEnds = {PART + 1000, PART + 2000, content.length};
        int start = 0;
        for (int end : sessionEnds) {
            try (S3Driver replica = new S3Driver(server.settings("some/prefix", false, 4L * PART, spool));
                    FileWriter writer = replica.writer(path("upload"), true)) {
                assertEquals(start, writer.size());
                writer.write(content, start, end - start);
                if (end == content.length) {
                    writer.commit();
                }
            }
            assertArrayEquals(Arrays.copyOf(content, end), readAll(path("upload"), 0), "stored after " + end);
            start = end;
        }
    }

    @Test
    void partsOnTheHeapWhileTheBudgetLastsThenInSpoolFilesThatGoWithTheirWriter(@TempDir Path folder)
            throws Exception {
        byte[] first = randomBytes(PART + 10);
        byte[] second = randomBytes(PART / 2);
        try (S3Driver onePartOfHeap = new S3Driver(server.settings("some/prefix", false, PART, folder))) {
            try (FileWriter onHeap = onePartOfHeap.writer(path("first"), false);
                    FileWriter spooled = onePartOfHeap.writer(path("second"), false)) {
                onHeap.write(first, 0, first.length);
                spooled.write(second, 0, second.length);

                assertEquals(List.of((long) second.length), spoolFileSizes(folder), "only the second is spooled");
                onHeap.commit();
                spooled.commit();
            }
            assertEquals(List.of(), spoolFileSizes(folder), "no spool file is left");
            try (FileWriter onHeapAgain = onePartOfHeap.writer(path("fourth"), false);
                    FileWriter spooledAcrossParts = onePartOfHeap.writer(path("third"), false)) {
                onHeapAgain.write(second, 0, second.length);
                spooledAcrossParts.write(first, 0, first.length);
                assertEquals(List.of(10L), spoolFileSizes(folder), "what follows the part already sent");
                spooledAcrossParts.commit();
                onHeapAgain.commit();
            }
        }
        assertArrayEquals(first, readAll(path("first"), 0));
        assertArrayEquals(second, readAll(path("second"), 0));
        assertArrayEquals(first, readAll(path("third"), 0));
        assertArrayEquals(second, readAll(path("fourth"), 0));
        assertEquals(List.of(), spoolFileSizes(folder));
    }

    @Test
    void aDriverDeletesTheSpoolFilesAStoppedProcessLeft(@TempDir Path folder) throws Exception {
        Path leftover = Files.writeString(folder.resolve("part-1234.tmp"), "a part");
        Files.setLastModifiedTime(leftover, FileTime.from(Instant.now().minus(PartBuffers.ABANDONED_AFTER)
                .minusSeconds(1)));
        Path anotherProcesses = Files.writeString(folder.resolve("part-5678.tmp"), "a part in progress");
        Path unrelated = Files.writeString(folder.resolve("notes.txt"), "kept");

        new S3Driver(server.settings("some/prefix", false, 0, folder)).close();

        assertFalse(Files.exists(leftover));
        assertTrue(Files.exists(anotherProcesses));
        assertTrue(Files.exists(unrelated));
    }

    private static List<Long> spoolFileSizes(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.toFile().length()).toList();
        }
    }

    @Test
    void deletingAPathAbortsUnfinishedMultipartUploadsBelowIt() throws Exception {
        write(path("session/data"), randomBytes(10));
        S3Client s3 = ((S3Driver) driver).client();
        String key = "some/prefix/" + path("session/orphan").substring(1);
        String uploadId = s3.createMultipartUpload(request -> request.bucket(S3TestServer.BUCKET).key(key)).uploadId();
        s3.uploadPart(request -> request.bucket(S3TestServer.BUCKET).key(key).uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(randomBytes(PART)));

        driver.delete(path("session"));

        assertTrue(s3.listMultipartUploads(request -> request.bucket(S3TestServer.BUCKET).prefix(key)).uploads()
                .isEmpty(), "the unfinished upload was aborted");
    }

    @Test
    void redirectUrlIsAPresignedGetOfTheObject() throws Exception {
        byte[] content = randomBytes(100);
        write(path("blob"), content);

        URI url = driver.redirectUrl(path("blob"), Duration.ofMinutes(5)).orElseThrow();

        assertTrue(url.getQuery().contains("X-Amz-Signature="), url::toString);
        try (InputStream in = url.toURL().openStream()) {
            assertArrayEquals(content, in.readAllBytes());
        }
    }
}
