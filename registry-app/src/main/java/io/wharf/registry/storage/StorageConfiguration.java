package io.wharf.registry.storage;

import io.wharf.storage.StorageDriver;
import io.wharf.storage.filesystem.FilesystemDriver;
import io.wharf.storage.s3.S3Driver;
import io.wharf.storage.s3.S3Settings;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

    /**
     * On S3 each upload in progress collects a part on the heap and each blob download copies through it: with an
     * 88 MB heap, 10 pushes beside 190 downloads failed with OutOfMemoryError; with 256 MB none did.
     */
    static final long S3_MIN_HEAP_BYTES = 200L << 20;

    @Bean
    StorageDriver storageDriver(StorageProperties properties) throws IOException {
        return switch (properties.driver()) {
            case "filesystem" -> new FilesystemDriver(properties.filesystem().root());
            case "s3" -> {
                smallHeapWarning(Runtime.getRuntime().maxMemory()).ifPresent(log::warn);
                yield new S3Driver(s3Settings(properties.s3()));
            }
            default -> throw new IllegalStateException("unknown wharf.storage.driver '" + properties.driver()
                    + "'; supported: filesystem, s3");
        };
    }

    private static S3Settings s3Settings(StorageProperties.S3 s3) {
        if (s3 == null || !StringUtils.hasText(s3.bucket())) {
            throw new IllegalStateException("wharf.storage.driver=s3 needs wharf.storage.s3.bucket");
        }
        URI endpoint = StringUtils.hasText(s3.endpoint()) ? URI.create(s3.endpoint()) : null;
        return new S3Settings(s3.bucket(), endpoint, s3.region(), s3.pathStyle(), blankToNull(s3.accessKey()),
                blankToNull(s3.secretKey()), s3.prefix(),
                s3.partSize() == null ? S3Settings.DEFAULT_PART_SIZE : Math.toIntExact(s3.partSize().toBytes()),
                s3.partMemory().toBytes(), s3.spoolFolder(), blankToNull(s3.sse()), s3.checksumsWhenRequired(),
                s3.redirect());
    }

    /** What to tell the operator of a registry on S3 whose heap is {@code maxHeapBytes}, if anything. */
    static Optional<String> smallHeapWarning(long maxHeapBytes) {
        if (maxHeapBytes >= S3_MIN_HEAP_BYTES) {
            return Optional.empty();
        }
        return Optional.of("This registry keeps blobs on S3 with a heap of " + (maxHeapBytes >> 20) + " MB: each upload"
                + " in progress collects a part on it and each blob download copies through it, so many pushes and"
                + " pulls at once can run it out of memory (pushes then fail with 500). Give it 256 MB: -Xmx256m"
                + " (./wharf does with WHARF_STORAGE_DRIVER=s3; docker-compose.yml sets WHARF_REGISTRY_JAVA_OPTIONS;"
                + " the image reads JAVA_TOOL_OPTIONS).");
    }

    /** Environment placeholders with an empty default arrive as "" and mean "not set". */
    private static String blankToNull(String value) {
        return StringUtils.hasText(value) ? value : null;
    }
}
