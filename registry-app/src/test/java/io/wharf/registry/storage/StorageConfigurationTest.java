package io.wharf.registry.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorageConfigurationTest {

    @Test
    void aRegistryOnS3WithTheFilesystemHeapIsToldToRaiseIt() {
        // Runtime.maxMemory() with the launcher's options: -Xmx88m counts 82 MB (one survivor space is left out)
        assertThat(StorageConfiguration.smallHeapWarning(82L << 20)).hasValueSatisfying(warning -> assertThat(warning)
                .contains("heap of 82 MB", "pushes then fail with 500", "-Xmx256m", "WHARF_STORAGE_DRIVER=s3"));
    }

    @Test
    void aRegistryOnS3WithTheComposeHeapIsNotWarned() {
        // and -Xmx256m 238 MB
        assertThat(StorageConfiguration.smallHeapWarning(238L << 20)).isEmpty();
    }
}
