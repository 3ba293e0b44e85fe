package io.wharf.registry.storage;

import io.wharf.storage.StorageDriver;
import io.wharf.storage.filesystem.FilesystemDriver;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    @Bean
    StorageDriver storageDriver(StorageProperties properties) throws IOException {
        if (!"filesystem".equals(properties.driver())) {
            throw new IllegalStateException("unknown wharf.storage.driver '" + properties.driver()
                    + "'; supported: filesystem");
        }
        return new FilesystemDriver(properties.filesystem().root());
    }
}
