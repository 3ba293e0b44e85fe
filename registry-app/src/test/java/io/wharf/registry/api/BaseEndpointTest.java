package io.wharf.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.wharf.registry.api.support.OciErrors;
import io.wharf.registry.api.support.RegistryApiTest;
import io.wharf.registry.api.support.TestBlob;
import org.junit.jupiter.api.Test;

/** {@code /v2/} (end-1), and what the registry answers on paths and methods the API does not have. */
class BaseEndpointTest extends RegistryApiTest {

    @Test
    void versionCheckAnswers200WithTheApiVersionHeader() {
        Response response = registry.given().get("/v2/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("Docker-Distribution-API-Version")).isEqualTo("registry/2.0");
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.asString()).isEqualTo("{}");
    }

    @Test
    void versionCheckWorksWithoutTrailingSlashAndWithHead() {
        Response withoutSlash = registry.given().get("/v2");
        Response head = registry.given().head("/v2/");

        assertThat(withoutSlash.statusCode()).isEqualTo(200);
        assertThat(withoutSlash.header("Docker-Distribution-API-Version")).isEqualTo("registry/2.0");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.header("Docker-Distribution-API-Version")).isEqualTo("registry/2.0");
        assertThat(head.asByteArray()).isEmpty();
    }

    @Test
    void unknownRoutesUnderV2Answer404WithASpecErrorBody() {
        for (String path : new String[] {"/v2/app/nothing/here", "/v2/app/blobs", "/v2/app/manifests",
                "/v2/app/tags", "/v2/app/referrers", "/v2/app/manifests/latest/extra"}) {
            Response response = registry.given().get(path);
            OciErrors.assertErrorStatus(response, 404);
            assertThat(response.header("Docker-Distribution-API-Version")).as(path).isEqualTo("registry/2.0");
        }
    }

    @Test
    void pathsOutsideV2Answer404() {
        assertThat(registry.given().get("/v3/").statusCode()).isEqualTo(404);
        // Of the v1 API only /v1/_ping and /v1/search exist, for docker search (see search.DockerSearchTest).
        assertThat(registry.given().get("/v1/repositories/app/images").statusCode()).isEqualTo(404);
    }

    @Test
    void methodsAnEndpointDoesNotHaveAnswerUnsupported() {
        String repository = newRepository("methods");
        TestBlob blob = registry.pushBlob(repository, TestBlob.random(16));

        OciErrors.assertError(registry.given().post("/v2/"), 405, "UNSUPPORTED");
        OciErrors.assertError(registry.given().body(new byte[] {1})
                .put("/v2/" + repository + "/blobs/" + blob.digest()), 405, "UNSUPPORTED");
        OciErrors.assertError(registry.given().delete("/v2/" + repository + "/tags/list"), 405, "UNSUPPORTED");
        OciErrors.assertError(registry.given().delete("/v2/_catalog"), 405, "UNSUPPORTED");
        OciErrors.assertError(registry.given().put("/v2/" + repository + "/blobs/uploads/"), 405, "UNSUPPORTED");
        // the blob is untouched by all of this
        assertThat(registry.getBlob(repository, blob.digest()).asByteArray()).isEqualTo(blob.bytes());
    }
}
