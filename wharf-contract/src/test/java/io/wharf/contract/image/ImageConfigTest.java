package io.wharf.contract.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageConfigTest {

    @Test
    void readsDockerAndOciImageConfigsUpToOneMebibyte() {
        assertThat(ImageConfig.isReadable("application/vnd.docker.container.image.v1+json", 1_469)).isTrue();
        assertThat(ImageConfig.isReadable("application/vnd.oci.image.config.v1+json", 0)).isTrue();
        assertThat(ImageConfig.isReadable("application/vnd.oci.image.config.v1+json", ImageConfig.MAX_BYTES)).isTrue();
    }

    @Test
    void skipsArtifactConfigsOversizedConfigsAndMissingSizes() {
        assertThat(ImageConfig.isReadable("application/vnd.cncf.helm.config.v1+json", 120)).isFalse();
        assertThat(ImageConfig.isReadable("application/vnd.oci.empty.v1+json", 2)).isFalse();
        assertThat(ImageConfig.isReadable("application/vnd.oci.image.config.v1+json", ImageConfig.MAX_BYTES + 1L))
                .isFalse();
        assertThat(ImageConfig.isReadable("application/vnd.oci.image.config.v1+json", -1)).isFalse();
        assertThat(ImageConfig.isReadable("", 10)).isFalse();
    }
}
