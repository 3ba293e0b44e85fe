package io.wharf.registry.storage;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where blobs and upload sessions are stored.
 *
 * @param driver which storage driver to use: {@code filesystem} (default)
 * @param filesystem settings of the filesystem driver
 */
@ConfigurationProperties("wharf.storage")
public record StorageProperties(String driver, Filesystem filesystem) {

    /** @param root the folder the filesystem driver keeps everything under */
    public record Filesystem(Path root) {
    }
}
