package io.wharf.registry.api;

import static io.wharf.registry.api.support.ManifestBuilder.DOCKER_MANIFEST;
import static io.wharf.registry.api.support.ManifestBuilder.DOCKER_MANIFEST_LIST;
import static io.wharf.registry.api.support.ManifestBuilder.OCI_INDEX;
import static io.wharf.registry.api.support.ManifestBuilder.OCI_MANIFEST;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.wharf.registry.api.support.ManifestBuilder;
import io.wharf.registry.api.support.ManifestDocument;
import io.wharf.registry.api.support.OciErrors;
import io.wharf.registry.api.support.RawHttp;
import io.wharf.registry.api.support.RegistryApiTest;
import org.junit.jupiter.api.Test;

/**
 * Content negotiation on manifest pulls: the registry never converts, so it serves the stored manifest when the
 * Accept header allows its type (or there is none) and otherwise answers MANIFEST_UNKNOWN.
 */
class ManifestNegotiationTest extends RegistryApiTest {

    @Test
    void aMatchingAcceptServesTheManifest() {
        String repository = newRepository("accept");
        ManifestDocument manifest = registry.pushManifest(repository, "v1", registry.dockerImage(repository));

        for (String accept : new String[] {DOCKER_MANIFEST, OCI_MANIFEST + ", " + DOCKER_MANIFEST,
                DOCKER_MANIFEST + ";q=0.5", "*/*", "application/*", OCI_INDEX + ", */*;q=0.1"}) {
            Response response = registry.given().accept(accept).get("/v2/" + repository + "/manifests/v1");
            assertThat(response.statusCode()).as(accept).isEqualTo(200);
            assertThat(response.contentType()).as(accept).isEqualTo(DOCKER_MANIFEST);
            assertThat(response.asByteArray()).as(accept).isEqualTo(manifest.bytes());
        }
    }

    @Test
    void noAcceptHeaderServesTheManifest() {
        String repository = newRepository("noaccept");
        ManifestDocument manifest = registry.pushImage(repository, "v1");

        RawHttp.Response response = registry.raw("GET", "/v2/" + repository + "/manifests/v1").send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo(OCI_MANIFEST);
        assertThat(response.body()).isEqualTo(manifest.bytes());
    }

    /** The docker engine sends one Accept line per media type. */
    @Test
    void repeatedAcceptHeaderLinesAreAllConsidered() {
        String repository = newRepository("acceptlines");
        ManifestDocument manifest = registry.pushImage(repository, "v1");

        RawHttp.Response response = registry.raw("GET", "/v2/" + repository + "/manifests/v1")
                .header("Accept", DOCKER_MANIFEST).header("Accept", DOCKER_MANIFEST_LIST)
                .header("Accept", OCI_MANIFEST).send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(manifest.bytes());
    }

    @Test
    void aNonMatchingAcceptAnswersManifestUnknown() {
        String repository = newRepository("mismatch");
        registry.pushManifest(repository, "docker", registry.dockerImage(repository));
        ManifestDocument oci = registry.pushImage(repository, "oci");
        registry.pushManifest(repository, "index", ManifestBuilder.ociIndex(oci.descriptor()).build());

        OciErrors.assertError(registry.given().accept(OCI_MANIFEST + ", " + OCI_INDEX)
                .get("/v2/" + repository + "/manifests/docker"), 404, "MANIFEST_UNKNOWN");
        OciErrors.assertError(registry.given().accept(DOCKER_MANIFEST + ", " + DOCKER_MANIFEST_LIST)
                .get("/v2/" + repository + "/manifests/oci"), 404, "MANIFEST_UNKNOWN");
        OciErrors.assertError(registry.given().accept(OCI_MANIFEST)
                .get("/v2/" + repository + "/manifests/index"), 404, "MANIFEST_UNKNOWN");
        OciErrors.assertError(registry.given().accept("application/json")
                .get("/v2/" + repository + "/manifests/oci"), 404, "MANIFEST_UNKNOWN");
        OciErrors.assertErrorStatus(registry.given().accept(DOCKER_MANIFEST)
                .head("/v2/" + repository + "/manifests/oci"), 404);
    }
}
