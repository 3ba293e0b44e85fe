package io.wharf.registry.storage;

import io.wharf.storage.StorageDriver;
import io.wharf.storage.filesystem.FilesystemDriver;
import io.wharf.storage.s3.S3Driver;
import io.wharf.storage.s3.S3Settings;
import java.io.IOException;
import java.net.URI;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    @Bean
    StorageDriver storageDriver(StorageProperties properties) throws IOException {
        return switch (properties.driver()) {
            case "filesystem" -> new FilesystemDriver(properties.filesystem().root());
            case "s3" -> new S3Driver(s3Settings(properties.s3()));
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

    /** Environment placeholders with an empty default arrive as "" and mean "not set". */
    private static String blankToNull(String value) {
        return StringUtils.hasText(value) ? value : null;
    }
}
