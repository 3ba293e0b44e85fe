package io.wharf.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.wharf.registry.api.support.ManifestDocument;
import io.wharf.registry.api.support.OciErrors;
import io.wharf.registry.api.support.RegistryApiTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code DELETE /v2/<name>/manifests/<reference>} (end-9): by tag removes that tag, by digest the manifest and all its
 * tags.
 */
class ManifestDeleteTest extends RegistryApiTest {

    @Test
    void deletingOneOfTwoTagsLeavesTheOtherWorking() {
        String repository = newRepository("twotags");
        ManifestDocument manifest = registry.pushImage(repository, "one");
        registry.pushManifest(repository, "two", manifest);

        Response deleted = registry.given().delete("/v2/" + repository + "/manifests/one");

        assertThat(deleted.statusCode()).isEqualTo(202);
        OciErrors.assertError(registry.getManifest(repository, "one"), 404, "MANIFEST_UNKNOWN");
        assertThat(registry.getManifest(repository, "two").asByteArray()).isEqualTo(manifest.bytes());
        assertThat(registry.getManifest(repository, manifest.digest()).statusCode()).isEqualTo(200);
        assertThat(tags(repository)).containsExactly("two");
        OciErrors.assertError(registry.given().delete("/v2/" + repository + "/manifests/one"), 404,
                "MANIFEST_UNKNOWN");
    }

    @Test
    void deletingByDigestRemovesTheManifestAndAllItsTags() {
        String repository = newRepository("bydigest");
        ManifestDocument manifest = registry.pushImage(repository, "a");
        registry.pushManifest(repository, "b", manifest);
        ManifestDocument other = registry.pushImage(repository, "c");
        // Read once, so that the manifest cache holds it: the delete must drop it there too.
        assertThat(registry.getManifest(repository, "a").statusCode()).isEqualTo(200);

        Response deleted = registry.given().delete("/v2/" + repository + "/manifests/" + manifest.digest());

        assertThat(deleted.statusCode()).isEqualTo(202);
        OciErrors.assertError(registry.getManifest(repository, manifest.digest()), 404, "MANIFEST_UNKNOWN");
        OciErrors.assertError(registry.getManifest(repository, "a"), 404, "MANIFEST_UNKNOWN");
        OciErrors.assertError(registry.getManifest(repository, "b"), 404, "MANIFEST_UNKNOWN");
        OciErrors.assertErrorStatus(registry.given().head("/v2/" + repository + "/manifests/a"), 404);
        assertThat(tags(repository)).containsExactly("c");
        assertThat(registry.getManifest(repository, "c").asByteArray()).isEqualTo(other.bytes());
        OciErrors.assertError(registry.given().delete("/v2/" + repository + "/manifests/" + manifest.digest()), 404,
                "MANIFEST_UNKNOWN");
    }

    @Test
    void aDeletedManifestCanBePushedAgain() {
        String repository = newRepository("repush");
        ManifestDocument manifest = registry.pushImage(repository, "v1");
        assertThat(registry.given().delete("/v2/" + repository + "/manifests/" + manifest.digest()).statusCode())
                .isEqualTo(202);

        registry.pushManifest(repository, "v1", manifest);

        assertThat(registry.getManifest(repository, "v1").asByteArray()).isEqualTo(manifest.bytes());
    }

    @Test
    void deletingInOneRepositoryLeavesTheSameManifestInAnother() {
        String first = newRepository("del-a");
        String second = newRepository("del-b");
        ManifestDocument manifest = registry.ociImage(first);
        registry.pushManifest(first, "v1", manifest);
        // the same bytes, pushed to the second repository with the blobs mounted there
        for (String digest : blobDigests(manifest)) {
            assertThat(registry.given().body(new byte[0])
                    .post("/v2/" + second + "/blobs/uploads/?mount=" + digest + "&from=" + first).statusCode())
                    .isEqualTo(201);
        }
        registry.pushManifest(second, "v1", manifest);

        assertThat(registry.given().delete("/v2/" + first + "/manifests/" + manifest.digest()).statusCode())
                .isEqualTo(202);

        assertThat(registry.getManifest(first, "v1").statusCode()).isEqualTo(404);
        assertThat(registry.getManifest(second, "v1").asByteArray()).isEqualTo(manifest.bytes());
    }

    private List<String> tags(String repository) {
        return registry.given().get("/v2/" + repository + "/tags/list").jsonPath().getList("tags");
    }

    private static List<String> blobDigests(ManifestDocument manifest) {
        JsonPath json = new JsonPath(manifest.text());
        List<String> digests = new ArrayList<>(json.getList("layers.digest"));
        digests.add(json.getString("config.digest"));
        return digests;
    }
}
