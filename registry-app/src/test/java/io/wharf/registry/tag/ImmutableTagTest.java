package io.wharf.registry.tag;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.wharf.registry.api.support.LifecycleApiTest;
import io.wharf.registry.api.support.ManifestDocument;
import io.wharf.registry.api.support.OciErrors;
import org.junit.jupiter.api.Test;

/** {@code wharf.registry.immutable-tags}: here {@code v*} tags of repositories in the namespaces {@code locked-*}. */
class ImmutableTagTest extends LifecycleApiTest {

    @Test
    void anImmutableTagCannotBeMovedToAnotherManifest() {
        String repository = newRepository("locked");
        ManifestDocument first = registry.pushImage(repository, "v1");
        ManifestDocument second = registry.ociImage(repository);

        Response moved = registry.putManifest(repository, "v1", second);

        OciErrors.assertError(moved, 403, "DENIED");
        assertThat(moved.jsonPath().getString("errors[0].message")).contains("v1", "immutable");
        assertThat(registry.getManifest(repository, "v1").asByteArray()).isEqualTo(first.bytes());
        // the refused push kept nothing: the manifest is not there by digest either
        OciErrors.assertError(registry.getManifest(repository, second.digest()), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    void aPushByDigestWithTagsThatWouldMoveAnImmutableTagKeepsNothing() {
        String repository = newRepository("locked");
        ManifestDocument first = registry.pushImage(repository, "v1");
        ManifestDocument second = registry.ociImage(repository);

        Response moved = registry.given().contentType(second.mediaType()).body(second.bytes())
                .put("/v2/" + repository + "/manifests/" + second.digest() + "?tag=fresh&tag=v1");

        OciErrors.assertError(moved, 403, "DENIED");
        assertThat(registry.getManifest(repository, "v1").asByteArray()).isEqualTo(first.bytes());
        OciErrors.assertError(registry.getManifest(repository, "fresh"), 404, "MANIFEST_UNKNOWN");
        OciErrors.assertError(registry.getManifest(repository, second.digest()), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    void pushingTheSameManifestAgainAndOtherTagsAreFine() {
        String repository = newRepository("locked");
        ManifestDocument first = registry.pushImage(repository, "v1");
        registry.pushManifest(repository, "v1", first);

        registry.pushImage(repository, "latest");
        registry.pushManifest(repository, "latest", registry.ociImage(repository));
    }

    @Test
    void tagsOfOtherRepositoriesStayMutable() {
        String repository = newRepository("open");
        registry.pushImage(repository, "v1");

        registry.pushManifest(repository, "v1", registry.ociImage(repository));
    }
}
