package io.wharf.contract.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The OCI image spec's example config, a Docker one, and the descriptors of manifests and referrers. */
class ImageSettingsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theOciExampleConfigRunsItsBinaryAsAliceWithItsHistory() throws IOException {
        ImageSettings settings = ImageSettings.of(read("oci-image-config.json"));

        assertThat(settings.entrypoint()).containsExactly("/bin/my-app-binary");
        assertThat(settings.cmd()).containsExactly("--foreground", "--config", "/etc/my-app.d/default.cfg");
        assertThat(settings.env()).contains("FOO=oci_is_a").hasSize(3);
        assertThat(settings.workingDir()).isEqualTo("/home/alice");
        assertThat(settings.user()).isEqualTo("alice");
        assertThat(settings.exposedPorts()).containsExactly("8080/tcp");
        assertThat(settings.labels()).isEmpty();
        assertThat(settings.history()).hasSize(2);
        assertThat(settings.history().get(1)).isEqualTo(new ImageSettings.HistoryStep(
                "2015-10-31T22:22:55.613815829Z", "/bin/sh -c #(nop) CMD [\"sh\"]", "", true));
    }

    @Test
    void fieldsAConfigLeavesOutAreEmptyAndLabelsKeepTheirOrder() {
        ImageSettings settings = ImageSettings.of(JSON.readTree("""
                {"config": {"Labels": {"org.opencontainers.image.source": "https://example.com/app", "b": "2"}}}"""));

        assertThat(settings.entrypoint()).isEmpty();
        assertThat(settings.workingDir()).isEmpty();
        assertThat(settings.user()).isEmpty();
        assertThat(settings.history()).isEmpty();
        assertThat(settings.labels()).containsExactly(Map.entry("org.opencontainers.image.source", "https://example.com/app"),
                Map.entry("b", "2"));
    }

    @Test
    void manifestsNameTheirLayersEntriesArtifactTypeAndSubject() throws IOException {
        ImageManifest artifact = ImageManifest.of(ImageMediaTypes.OCI_MANIFEST, read("oci-artifact.json"));
        assertThat(artifact.artifactType()).isEqualTo("application/vnd.example+type");
        assertThat(artifact.layers()).singleElement().extracting(Descriptor::mediaType, Descriptor::size)
                .containsExactly("application/vnd.example.data.v1.tar+gzip", 1234L);
        assertThat(artifact.subject()).isEmpty();

        ImageManifest index = ImageManifest.of(ImageMediaTypes.OCI_INDEX, read("oci-index.json"));
        assertThat(index.layers()).isEmpty();
        assertThat(index.entries()).extracting(entry -> entry.platform().architecture()).isNotEmpty();

        ImageManifest signature = ImageManifest.of(ImageMediaTypes.OCI_MANIFEST, JSON.readTree("""
                {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                 "config": {"mediaType": "application/vnd.dev.cosign.artifact.sig.v1+json", "digest": "sha256:aa", "size": 2},
                 "layers": [], "subject": {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "sha256:bb", "size": 9},
                 "annotations": {"org.opencontainers.image.created": "2030-01-01T00:00:00Z"}}"""));
        // Without an artifactType, an artifact's type is its config's media type, as the referrers API reports it.
        assertThat(signature.artifactType()).isEqualTo("application/vnd.dev.cosign.artifact.sig.v1+json");
        assertThat(signature.subject()).hasValue("sha256:bb");
        assertThat(signature.annotations()).containsEntry("org.opencontainers.image.created", "2030-01-01T00:00:00Z");
        assertThat(List.of(signature.configDescriptor().orElseThrow().digest())).containsExactly("sha256:aa");
    }

    private static JsonNode read(String resource) throws IOException {
        try (InputStream in = ImageSettingsTest.class.getResourceAsStream("/image/" + resource)) {
            return JSON.readTree(in);
        }
    }
}
