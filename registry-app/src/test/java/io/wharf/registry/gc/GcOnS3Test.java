package io.wharf.registry.gc;

import io.wharf.storage.s3.S3TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Space reclaimed on S3 (S3Proxy in this JVM), counted by listing the objects under {@code <prefix>/blobs/}. */
@DirtiesContext
class GcOnS3Test extends ReclaimedSpaceTest {

    private static final String PREFIX = "gc";

    private static S3TestServer s3;

    @DynamicPropertySource
    static void s3Storage(DynamicPropertyRegistry properties) throws Exception {
        s3 = S3TestServer.start();
        properties.add("wharf.storage.driver", () -> "s3");
        properties.add("wharf.storage.s3.bucket", () -> S3TestServer.BUCKET);
        properties.add("wharf.storage.s3.endpoint", () -> s3.endpoint().toString());
        properties.add("wharf.storage.s3.path-style", () -> "true");
        properties.add("wharf.storage.s3.access-key", () -> S3TestServer.ACCESS_KEY);
        properties.add("wharf.storage.s3.secret-key", () -> S3TestServer.SECRET_KEY);
        properties.add("wharf.storage.s3.prefix", () -> PREFIX);
        properties.add("wharf.storage.s3.part-size", () -> "5MB");
    }

    @AfterAll
    static void stopS3() throws Exception {
        if (s3 != null) {
            s3.close();
        }
    }

    /** Lists the bucket with the AWS SDK, past the registry's driver: {@code gc/blobs/sha256/ab/<hex>/data}. */
    @Override
    protected List<StoredObject> storedBlobObjects() {
        try (S3Client client = S3Client.builder().endpointOverride(s3.endpoint()).region(Region.US_EAST_1)
                .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY)))
                .build()) {
            return client.listObjectsV2Paginator(list -> list.bucket(S3TestServer.BUCKET).prefix(PREFIX + "/blobs/"))
                    .contents().stream()
                    .map(object -> new StoredObject(digestOf(object.key()), object.size()))
                    .toList();
        }
    }

    /** {@code sha256:<hex>} of a key {@code .../sha256/<ab>/<hex>/data}; the key itself for anything else. */
    private static String digestOf(String key) {
        String[] segments = key.split("/");
        return segments.length == 6 && segments[5].equals("data") ? segments[2] + ":" + segments[4] : key;
    }
}
