package io.wharf.contract.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The manifests are the examples of the Docker v2 schema 2 and OCI image specifications, and a Helm chart's. */
class ImageManifestTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<String> configsRead = new ArrayList<>();

    @Test
    void aDockerImageWeighsItsConfigPlusLayersAndRunsWhereItsConfigSays() throws IOException {
        ImageManifest image = manifest(ImageMediaTypes.DOCKER_MANIFEST, "docker-manifest.json");

        assertThat(image.isImage()).isTrue();
        assertThat(image.isIndex()).isFalse();
        assertThat(image.isArtifact()).isFalse();
        assertThat(image.imageSize()).hasValue(7023 + 32654 + 16724 + 73109);
        assertThat(image.platforms(this::platformOfDockerConfig))
                .containsExactly(new Platform("linux", "amd64", null, null));
        assertThat(configsRead).containsExactly("sha256:b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7");
    }

    @Test
    void anOciImageWeighsItsConfigPlusLayersAndRunsWhereItsConfigSays() throws IOException {
        ImageManifest image = manifest(ImageMediaTypes.OCI_MANIFEST, "oci-manifest.json");

        assertThat(image.isImage()).isTrue();
        assertThat(image.imageSize()).hasValue(7023 + 32654 + 16724 + 73109);
        assertThat(image.platforms(digest -> ImageConfig.platformOf(read("oci-image-config.json"))))
                .containsExactly(new Platform("linux", "arm64", "v8", null));
    }

    @Test
    void anImageWhoseConfigNamesNoPlatformHasNone() throws IOException {
        ImageManifest image = manifest(ImageMediaTypes.OCI_MANIFEST, "oci-manifest.json");

        assertThat(image.platforms(digest -> ImageConfig.platformOf(read("oci-manifest.json")))).isEmpty();
    }

    @Test
    void indexesOfBothFormatsOfferTheirEntriesPlatformsWithoutReadingAConfig() throws IOException {
        for (ImageManifest index : List.of(manifest(ImageMediaTypes.OCI_INDEX, "oci-index.json"),
                manifest(ImageMediaTypes.DOCKER_MANIFEST_LIST, "docker-manifest-list.json"))) {
            assertThat(index.isIndex()).isTrue();
            assertThat(index.isImage()).isFalse();
            assertThat(index.isArtifact()).isFalse();
            assertThat(index.imageSize()).isEmpty();
            assertThat(index.configToRead()).isEmpty();
            assertThat(index.platforms(this::platformOfDockerConfig)).containsExactly(
                    new Platform("linux", "ppc64le", null, null), new Platform("linux", "amd64", null, null));
        }
        assertThat(configsRead).isEmpty();
    }

    @Test
    void artifactsWeighTheirConfigPlusLayersAndHaveNoPlatform() throws IOException {
        ImageManifest artifact = manifest(ImageMediaTypes.OCI_MANIFEST, "oci-artifact.json");
        ImageManifest chart = manifest(ImageMediaTypes.OCI_MANIFEST, "helm-chart.json");

        assertThat(artifact.isArtifact()).isTrue();
        assertThat(artifact.imageSize()).hasValue(123 + 1234);
        assertThat(artifact.platforms(this::platformOfDockerConfig)).isEmpty();
        assertThat(chart.isArtifact()).isTrue();
        assertThat(chart.imageSize()).hasValue(117 + 2487);
        assertThat(chart.configToRead()).isEmpty();
        assertThat(configsRead).isEmpty();
    }

    @Test
    void anOversizedImageConfigIsNotRead() throws IOException {
        JsonNode oversized = JSON.readTree("""
                {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                 "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                            "digest": "sha256:b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7",
                            "size": %d},
                 "layers": []}""".formatted(ImageConfig.MAX_BYTES + 1));

        ImageManifest image = ImageManifest.of(ImageMediaTypes.OCI_MANIFEST, oversized);

        assertThat(image.isImage()).isTrue();
        assertThat(image.configToRead()).isEmpty();
        assertThat(image.platforms(this::platformOfDockerConfig)).isEmpty();
    }

    @Test
    void mediaTypesTellIndexesFromSingleManifests() {
        assertThat(ImageMediaTypes.isIndex(ImageMediaTypes.OCI_INDEX)).isTrue();
        assertThat(ImageMediaTypes.isIndex(ImageMediaTypes.DOCKER_MANIFEST_LIST)).isTrue();
        assertThat(ImageMediaTypes.isIndex(ImageMediaTypes.OCI_MANIFEST)).isFalse();
        assertThat(ImageMediaTypes.isManifest(ImageMediaTypes.DOCKER_MANIFEST)).isTrue();
        assertThat(ImageMediaTypes.isManifest(ImageMediaTypes.OCI_IMAGE_CONFIG)).isFalse();
        assertThat(ImageMediaTypes.isManifest("application/vnd.docker.distribution.manifest.v1+prettyjws")).isFalse();
    }

    private Optional<Platform> platformOfDockerConfig(String digest) {
        configsRead.add(digest);
        return ImageConfig.platformOf(read("docker-image-config.json"));
    }

    private static ImageManifest manifest(String mediaType, String resource) {
        return ImageManifest.of(mediaType, read(resource));
    }

    private static JsonNode read(String resource) {
        try (InputStream content = ImageManifestTest.class.getResourceAsStream("/image/" + resource)) {
            return JSON.readTree(content);
        } catch (IOException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }
}
