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
import io.wharf.registry.api.support.RegistryClient;
import io.wharf.registry.api.support.TestBlob;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Pushing and pulling every manifest format by tag and by digest (end-3, end-7): exact bytes, Content-Type,
 * Docker-Content-Digest, Location, OCI-Subject.
 */
class ManifestPushPullTest extends RegistryApiTest {

    @Test
    void ociImageManifest() {
        String repository = newRepository("oci-image");
        assertRoundTrip(repository, "v1", registry.ociImage(repository));
    }

    @Test
    void dockerSchema2Manifest() {
        String repository = newRepository("docker-image");
        ManifestDocument manifest = registry.dockerImage(repository);
        assertThat(manifest.mediaType()).isEqualTo(DOCKER_MANIFEST);
        assertRoundTrip(repository, "latest", manifest);
    }

    @Test
    void dockerManifestList() {
        String repository = newRepository("docker-list");
        ManifestDocument amd64 = registry.pushByDigest(repository, registry.dockerImage(repository));
        ManifestDocument arm64 = registry.pushByDigest(repository, registry.dockerImage(repository));

        ManifestDocument list = ManifestBuilder.dockerList(amd64.descriptor().platform("linux", "amd64"),
                arm64.descriptor().platform("linux", "arm64")).build();

        assertThat(list.mediaType()).isEqualTo(DOCKER_MANIFEST_LIST);
        assertRoundTrip(repository, "multi", list);
    }

    @Test
    void ociImageIndex() {
        String repository = newRepository("oci-index");
        ManifestDocument amd64 = registry.pushByDigest(repository, registry.ociImage(repository));
        ManifestDocument arm64 = registry.pushByDigest(repository, registry.ociImage(repository));

        ManifestDocument index = ManifestBuilder.ociIndex(amd64.descriptor().platform("linux", "amd64"),
                arm64.descriptor().platform("linux", "arm64")).annotation("org.example", "index").build();

        assertThat(index.mediaType()).isEqualTo(OCI_INDEX);
        assertRoundTrip(repository, "multi", index);
        // its children stay reachable by digest
        assertThat(registry.getManifest(repository, amd64.digest()).asByteArray()).isEqualTo(amd64.bytes());
    }

    @Test
    void ociArtifactWithEmptyConfigAndSubject() {
        String repository = newRepository("artifact");
        ManifestDocument image = registry.pushImage(repository, "v1");
        TestBlob payload = registry.pushBlob(repository, TestBlob.of("{\"sbom\":true}"));
        registry.pushBlob(repository, TestBlob.EMPTY_JSON);
        ManifestDocument artifact = ManifestBuilder.ociArtifact("application/vnd.example.sbom.v1",
                payload.descriptor("application/vnd.example.sbom.v1+json"))
                .subject(image.descriptor()).annotation("org.opencontainers.image.created", "2024-01-01T00:00:00Z")
                .build();

        Response pushed = registry.putManifest(repository, artifact.digest(), artifact);

        assertThat(pushed.statusCode()).as(OciErrors.describe(pushed)).isEqualTo(201);
        assertThat(pushed.header("OCI-Subject")).isEqualTo(image.digest());
        assertThat(pushed.header("Docker-Content-Digest")).isEqualTo(artifact.digest());
        assertPullable(repository, artifact.digest(), artifact);
    }

    @Test
    void anArtifactWhoseOnlyLayerIsTheEmptyBlob() {
        String repository = newRepository("emptylayer");
        registry.pushBlob(repository, TestBlob.EMPTY_JSON);
        ManifestDocument artifact = ManifestBuilder.ociArtifact("application/vnd.example.marker",
                TestBlob.EMPTY_JSON.descriptor(TestBlob.OCI_EMPTY)).build();

        assertRoundTrip(repository, "marker", artifact);
    }

    @Test
    void manifestsWithoutSubjectHaveNoOciSubjectHeader() {
        String repository = newRepository("nosubject");
        Response pushed = registry.putManifest(repository, "v1", registry.ociImage(repository));

        assertThat(pushed.statusCode()).isEqualTo(201);
        assertThat(pushed.header("OCI-Subject")).isNull();
    }

    @Test
    void theExactBytesPushedAreServed() {
        String repository = newRepository("exact");
        ManifestDocument built = registry.ociImage(repository);
        // unusual formatting and key order: a registry that re-serialises would change the digest
        String reformatted = "{\n   \"schemaVersion\" :  2 ,\n\t\"mediaType\":\"" + OCI_MANIFEST + "\",\n"
                + built.text().substring(built.text().indexOf("\"config\""), built.text().length() - 1)
                + ",\n   \"annotations\": {\"z\": \"1\", \"a\": \"\\u00e9\\u00e9\"}\n}\n\n";
        ManifestDocument manifest = ManifestDocument.of(OCI_MANIFEST, reformatted);

        assertRoundTrip(repository, "exact", manifest);
    }

    @Test
    void pushByDigestCreatesNoTag() {
        String repository = newRepository("bydigest");
        ManifestDocument manifest = registry.ociImage(repository);

        Response pushed = registry.putManifest(repository, manifest.digest(), manifest);

        assertThat(pushed.statusCode()).isEqualTo(201);
        assertThat(RegistryClient.path(pushed.header("Location")))
                .isEqualTo("/v2/" + repository + "/manifests/" + manifest.digest());
        assertPullable(repository, manifest.digest(), manifest);
        assertThat(registry.given().get("/v2/" + repository + "/tags/list").jsonPath().getList("tags")).isEmpty();
    }

    @Test
    void pushByDigestWithTagParametersSetsEachTagAndNamesItInAnOciTagHeader() {
        String repository = newRepository("multitag");
        ManifestDocument manifest = registry.ociImage(repository);

        Response pushed = registry.given().contentType(manifest.mediaType()).body(manifest.bytes())
                .put("/v2/" + repository + "/manifests/" + manifest.digest()
                        + "?tag=1.2.3&tag=1.2&tag=latest&tag=1.2");

        assertThat(pushed.statusCode()).as(OciErrors.describe(pushed)).isEqualTo(201);
        assertThat(pushed.headers().getValues("OCI-Tag")).containsExactly("1.2.3", "1.2", "latest");
        assertThat(pushed.header("Docker-Content-Digest")).isEqualTo(manifest.digest());
        for (String tag : new String[] {"1.2.3", "1.2", "latest"}) {
            assertPullable(repository, tag, manifest);
        }
        assertThat(registry.given().get("/v2/" + repository + "/tags/list").jsonPath().getList("tags"))
                .containsExactly("1.2", "1.2.3", "latest");
    }

    @Test
    void tagParametersAreAllSetOrNoneIsAndGoOnlyWithADigest() {
        String repository = newRepository("multitagbad");
        registry.pushImage(repository, "base");
        ManifestDocument manifest = registry.ociImage(repository);
        String byDigest = "/v2/" + repository + "/manifests/" + manifest.digest();

        Response invalidTag = registry.given().contentType(manifest.mediaType()).body(manifest.bytes())
                .put(byDigest + "?tag=fine&tag=.bad");
        Response tooMany = registry.given().contentType(manifest.mediaType()).body(manifest.bytes())
                .put(byDigest + "?" + String.join("&", IntStream.range(0, 101).mapToObj(i -> "tag=t" + i).toList()));
        Response byTag = registry.given().contentType(manifest.mediaType()).body(manifest.bytes())
                .put("/v2/" + repository + "/manifests/v1?tag=v2");

        OciErrors.assertError(invalidTag, 400, "MANIFEST_INVALID");
        assertThat(invalidTag.jsonPath().getString("errors[0].message")).contains(".bad");
        assertThat(tooMany.statusCode()).as(OciErrors.describe(tooMany)).isEqualTo(414);
        OciErrors.assertError(byTag, 400, "MANIFEST_INVALID");
        assertThat(registry.given().get("/v2/" + repository + "/tags/list").jsonPath().getList("tags"))
                .containsExactly("base");
        OciErrors.assertError(registry.getManifest(repository, manifest.digest()), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    void pushBySha512Digest() {
        String repository = newRepository("bysha512");
        ManifestDocument manifest = registry.ociImage(repository);
        String sha512 = TestBlob.sha512(manifest.bytes());

        Response pushed = registry.putManifest(repository, sha512, manifest);

        assertThat(pushed.statusCode()).as(OciErrors.describe(pushed)).isEqualTo(201);
        assertThat(pushed.header("Docker-Content-Digest")).isEqualTo(sha512);
        Response pulled = registry.getManifest(repository, sha512);
        assertThat(pulled.statusCode()).isEqualTo(200);
        assertThat(pulled.asByteArray()).isEqualTo(manifest.bytes());
    }

    @Test
    void contentTypeParametersAreIgnored() {
        String repository = newRepository("ctparams");
        ManifestDocument manifest = registry.ociImage(repository);

        Response pushed = registry.given().contentType(OCI_MANIFEST + "; charset=utf-8").body(manifest.bytes())
                .put("/v2/" + repository + "/manifests/v1");

        assertThat(pushed.statusCode()).as(OciErrors.describe(pushed)).isEqualTo(201);
        assertThat(registry.getManifest(repository, "v1").contentType()).isEqualTo(OCI_MANIFEST);
    }

    @Test
    void withoutContentTypeTheManifestsMediaTypeDecides() {
        String repository = newRepository("noctype");
        ManifestDocument manifest = registry.dockerImage(repository);

        RawHttp.Response pushed = registry.raw("PUT", "/v2/" + repository + "/manifests/v1")
                .body(manifest.bytes()).send();

        assertThat(pushed.status()).as(pushed.bodyText()).isEqualTo(201);
        assertThat(registry.getManifest(repository, "v1").contentType()).isEqualTo(DOCKER_MANIFEST);
    }

    @Test
    void retaggingMovesTheTagAndKeepsTheOldManifestByDigest() {
        String repository = newRepository("retag");
        ManifestDocument first = registry.pushImage(repository, "latest");
        ManifestDocument second = registry.pushImage(repository, "latest");

        assertThat(registry.getManifest(repository, "latest").asByteArray()).isEqualTo(second.bytes());
        assertThat(registry.getManifest(repository, first.digest()).asByteArray()).isEqualTo(first.bytes());
    }

    @Test
    void pushingTheSameManifestAgainIsIdempotent() {
        String repository = newRepository("again");
        ManifestDocument manifest = registry.ociImage(repository);

        registry.pushManifest(repository, "a", manifest);
        registry.pushManifest(repository, "a", manifest);
        registry.pushManifest(repository, manifest.digest(), manifest);
        registry.pushManifest(repository, "b", manifest);

        assertThat(registry.given().get("/v2/" + repository + "/tags/list").jsonPath().getList("tags"))
                .containsExactly("a", "b");
        assertPullable(repository, "b", manifest);
    }

    @Test
    void theLongestValidTagIsAccepted() {
        String repository = newRepository("longtag");
        String tag = "T" + "a".repeat(126) + "_";
        assertThat(tag).hasSize(128);

        assertRoundTrip(repository, tag, registry.ociImage(repository));
    }

    /** Pushes by tag, then pulls by tag and by digest. */
    private void assertRoundTrip(String repository, String tag, ManifestDocument manifest) {
        Response pushed = registry.putManifest(repository, tag, manifest);

        assertThat(pushed.statusCode()).as(OciErrors.describe(pushed)).isEqualTo(201);
        assertThat(pushed.header("Docker-Content-Digest")).isEqualTo(manifest.digest());
        assertThat(RegistryClient.path(pushed.header("Location")))
                .isEqualTo("/v2/" + repository + "/manifests/" + manifest.digest());
        assertPullable(repository, tag, manifest);
        assertPullable(repository, manifest.digest(), manifest);
    }

    private void assertPullable(String repository, String reference, ManifestDocument manifest) {
        Response get = registry.getManifest(repository, reference);
        assertThat(get.statusCode()).as(OciErrors.describe(get)).isEqualTo(200);
        assertThat(get.asByteArray()).isEqualTo(manifest.bytes());
        assertThat(get.contentType()).isEqualTo(manifest.mediaType());
        assertThat(get.header("Docker-Content-Digest")).isEqualTo(manifest.digest());

        Response head = registry.given().accept(RegistryClient.ACCEPT_ALL_MANIFESTS)
                .head("/v2/" + repository + "/manifests/" + reference);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(manifest.bytes().length));
        assertThat(head.header("Docker-Content-Digest")).isEqualTo(manifest.digest());
        assertThat(head.contentType()).isEqualTo(manifest.mediaType());
        assertThat(head.asByteArray()).isEmpty();
    }
}
