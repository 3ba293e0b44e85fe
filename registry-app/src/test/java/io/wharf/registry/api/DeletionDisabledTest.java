package io.wharf.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.wharf.registry.api.support.ManifestDocument;
import io.wharf.registry.api.support.OciErrors;
import io.wharf.registry.api.support.RegistryApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** {@code wharf.registry.delete.enabled=false}: every DELETE answers 405 UNSUPPORTED and nothing goes. */
@TestPropertySource(properties = "wharf.registry.delete.enabled=false")
class DeletionDisabledTest extends RegistryApiTest {

    @Test
    void everyDeleteIsUnsupported() {
        String repository = newRepository("keep");
        ManifestDocument manifest = registry.pushImage(repository, "v1");
        String layer = new JsonPath(manifest.text()).getString("layers[0].digest");

        OciErrors.assertError(registry.given().delete("/v2/" + repository + "/manifests/v1"), 405, "UNSUPPORTED");
        OciErrors.assertError(registry.given().delete("/v2/" + repository + "/manifests/" + manifest.digest()), 405,
                "UNSUPPORTED");
        OciErrors.assertError(registry.given().delete("/v2/" + repository + "/blobs/" + layer), 405, "UNSUPPORTED");
        OciErrors.assertError(registry.given().delete("/admin/repositories/" + repository), 405, "UNSUPPORTED");

        assertThat(registry.getManifest(repository, "v1").statusCode()).isEqualTo(200);
    }
}
