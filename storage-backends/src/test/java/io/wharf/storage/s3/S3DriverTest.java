package io.wharf.storage.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.storage.FileWriter;
import io.wharf.storage.StorageDriver;
import io.wharf.storage.StorageDriverContract;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The storage contract against a real S3 API (S3Proxy), plus what only the S3 driver does. */
class S3DriverTest extends StorageDriverContract {

    private static final int PART = S3Settings.MIN_PART_SIZE;

    private static S3TestServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3TestServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    /** Below a key prefix, so the suite also checks that the prefix is honoured. */
    @Override
    protected StorageDriver createDriver() {
        return new S3Driver(server.settings("some/prefix", true));
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
            try (S3Driver replica = new S3Driver(server.settings("some/prefix", false));
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
