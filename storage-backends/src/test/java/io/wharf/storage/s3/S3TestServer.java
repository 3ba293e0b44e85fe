package io.wharf.storage.s3;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 API server in the test JVM: S3Proxy over jclouds' in-memory blob store, on a free port of
 * 127.0.0.1, with one bucket. Shared by the driver's tests and the registry's S3 tests (test-jar).
 */
public final class S3TestServer implements AutoCloseable {

    public static final String ACCESS_KEY = "wharf-test";
    public static final String SECRET_KEY = "wharf-test-secret";
    public static final String BUCKET = "wharf";

    private final BlobStoreContext context;
    private final S3Proxy proxy;

    private S3TestServer(BlobStoreContext context, S3Proxy proxy) {
        this.context = context;
        this.proxy = proxy;
    }

    public static S3TestServer start() throws Exception {
        BlobStoreContext context = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
                .build(BlobStoreContext.class);
        context.getBlobStore().createContainerInLocation(null, BUCKET);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .build();
        proxy.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!"STARTED".equals(proxy.getState())) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        return new S3TestServer(context, proxy);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /**
     * Settings for a driver on this server's bucket below {@code prefix}, with the smallest part size, {@code
     * partMemory} of heap for parts and the rest spooled in {@code spoolFolder}.
     */
    public S3Settings settings(String prefix, boolean redirect, long partMemory, Path spoolFolder) {
        return new S3Settings(BUCKET, endpoint(), null, true, ACCESS_KEY, SECRET_KEY, prefix,
                S3Settings.MIN_PART_SIZE, partMemory, spoolFolder, null, true, redirect);
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
