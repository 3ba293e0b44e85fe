package io.wharf.registry.api;

import static io.wharf.registry.api.support.ManifestBuilder.OCI_INDEX;
import static io.wharf.registry.api.support.ManifestBuilder.OCI_MANIFEST;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.wharf.registry.api.support.ManifestBuilder;
import io.wharf.registry.api.support.ManifestDocument;
import io.wharf.registry.api.support.OciErrors;
import io.wharf.registry.api.support.RegistryApiTest;
import io.wharf.registry.api.support.RegistryClient;
import io.wharf.registry.api.support.TestBlob;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

/**
 * {@code GET /v2/<name>/referrers/<digest>?artifactType=} (end-12a, end-12b). One subject with four referrers is
 * pushed once for the class; tests that change anything work on a subject of their own.
 */
@TestInstance(Lifecycle.PER_CLASS)
class ReferrersTest extends RegistryApiTest {

    private static final String SBOM = "application/vnd.example.sbom.v1+json";
    private static final String SIGNATURE_CONFIG = "application/vnd.example.signature.config.v1+json";
    private static final String BUNDLE = "application/vnd.example.bundle.v1";

    private String repository;
    private ManifestDocument subject;
    /** artifactType in the manifest, pushed before the subject existed. */
    private ManifestDocument sbom;
    /** no artifactType: the config's media type stands in. */
    private ManifestDocument signature;
    /** an index without artifactType. */
    private ManifestDocument plainIndex;
    /** an index with artifactType. */
    private ManifestDocument typedIndex;

    @BeforeAll
    void pushSubjectAndReferrers() {
        registry = new RegistryClient(port());
        repository = newRepository("referrers");
        subject = registry.ociImage(repository);
        registry.pushBlob(repository, TestBlob.EMPTY_JSON);

        TestBlob sbomContent = registry.pushBlob(repository, TestBlob.of("{\"packages\":[]}"));
        sbom = ManifestBuilder.ociArtifact(SBOM, sbomContent.descriptor(SBOM)).subject(subject.descriptor())
                .annotation("org.opencontainers.image.created", "2022-01-01T14:42:55Z")
                .annotation("org.example.sbom.format", "json").build();
        assertOciSubject(registry.putManifest(repository, sbom.digest(), sbom));

        registry.pushManifest(repository, "v1", subject);

        TestBlob signatureConfig = registry.pushBlob(repository, TestBlob.of("{\"signed\":true}"));
        TestBlob signatureBlob = registry.pushBlob(repository, TestBlob.random(64));
        signature = ManifestBuilder.ociImage(signatureConfig.descriptor(SIGNATURE_CONFIG),
                signatureBlob.descriptor("application/vnd.example.signature.v1")).subject(subject.descriptor())
                .annotation("org.example.signature.fingerprint", "abcd").build();
        assertOciSubject(registry.putManifest(repository, "signature", signature));

        plainIndex = ManifestBuilder.ociIndex(sbom.descriptor()).subject(subject.descriptor())
                .annotation("org.opencontainers.image.created", "2023-01-01T07:21:33Z").build();
        assertOciSubject(registry.putManifest(repository, plainIndex.digest(), plainIndex));

        typedIndex = ManifestBuilder.ociIndex(signature.descriptor()).artifactType(BUNDLE)
                .subject(subject.descriptor()).build();
        assertOciSubject(registry.putManifest(repository, typedIndex.digest(), typedIndex));
    }

    private void assertOciSubject(Response pushed) {
        assertThat(pushed.statusCode()).as(OciErrors.describe(pushed)).isEqualTo(201);
        assertThat(pushed.header("OCI-Subject")).isEqualTo(subject.digest());
    }

    @Test
    void listsEveryReferrerAsAnImageIndex() {
        Response response = referrers(subject.digest(), null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo(OCI_INDEX);
        assertThat(response.header("OCI-Filters-Applied")).isNull();
        JsonPath index = response.jsonPath();
        assertThat(index.getInt("schemaVersion")).isEqualTo(2);
        assertThat(index.getString("mediaType")).isEqualTo(OCI_INDEX);
        assertThat(index.getList("manifests.digest")).containsExactlyInAnyOrder(sbom.digest(), signature.digest(),
                plainIndex.digest(), typedIndex.digest());

        assertDescriptor(index, sbom, OCI_MANIFEST, SBOM, Map.of("org.opencontainers.image.created",
                "2022-01-01T14:42:55Z", "org.example.sbom.format", "json"));
        assertDescriptor(index, signature, OCI_MANIFEST, SIGNATURE_CONFIG,
                Map.of("org.example.signature.fingerprint", "abcd"));
        assertDescriptor(index, plainIndex, OCI_INDEX, null,
                Map.of("org.opencontainers.image.created", "2023-01-01T07:21:33Z"));
        assertDescriptor(index, typedIndex, OCI_INDEX, BUNDLE, null);
    }

    private static void assertDescriptor(JsonPath index, ManifestDocument manifest, String mediaType,
            String artifactType, Map<String, String> annotations) {
        String descriptor = "manifests.find { it.digest == '" + manifest.digest() + "' }";
        Map<String, Object> json = index.getMap(descriptor);
        assertThat(json).as(manifest.digest()).containsEntry("mediaType", mediaType)
                .containsEntry("size", manifest.bytes().length);
        if (artifactType == null) {
            assertThat(json).as("an index without artifactType has none").doesNotContainKey("artifactType");
        } else {
            assertThat(json).containsEntry("artifactType", artifactType);
        }
        if (annotations == null) {
            assertThat((Map<?, ?>) json.get("annotations")).as("annotations").isNullOrEmpty();
        } else {
            assertThat(index.getMap(descriptor + ".annotations")).isEqualTo(annotations);
        }
    }

    @Test
    void filtersByArtifactType() {
        Response bySbom = referrers(subject.digest(), SBOM.replace("+", "%2B"));
        Response byConfigType = referrers(subject.digest(), SIGNATURE_CONFIG.replace("+", "%2B"));
        Response byIndexType = referrers(subject.digest(), BUNDLE);

        for (Response response : List.of(bySbom, byConfigType, byIndexType)) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.header("OCI-Filters-Applied")).isEqualTo("artifactType");
            assertThat(response.contentType()).isEqualTo(OCI_INDEX);
        }
        assertThat(bySbom.jsonPath().getList("manifests.digest")).containsExactly(sbom.digest());
        assertThat(byConfigType.jsonPath().getList("manifests.digest")).containsExactly(signature.digest());
        assertThat(byIndexType.jsonPath().getList("manifests.digest")).containsExactly(typedIndex.digest());
    }

    @Test
    void aFilterMatchingNothingAnswersAnEmptyList() {
        Response response = referrers(subject.digest(), "application/vnd.example.nothing");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("OCI-Filters-Applied")).isEqualTo("artifactType");
        assertThat(response.jsonPath().getList("manifests")).isEmpty();
    }

    @Test
    void anUnknownDigestHasAnEmptyListNot404() {
        Response response = referrers(TestBlob.sha256("no such manifest".getBytes()), null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo(OCI_INDEX);
        assertThat(response.jsonPath().getInt("schemaVersion")).isEqualTo(2);
        assertThat(response.jsonPath().getString("mediaType")).isEqualTo(OCI_INDEX);
        assertThat(response.jsonPath().getList("manifests")).isEmpty();
    }

    @Test
    void referrersBelongToTheirRepository() {
        String other = newRepository("referrers-other");
        registry.pushImage(other, "v1");

        Response response = referrers(other, subject.digest(), null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getList("manifests")).isEmpty();
    }

    @Test
    void aRepositoryNeverPushedToHasNoReferrers() {
        Response response = referrers(newRepository("referrers-none"), subject.digest(), null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getList("manifests")).isEmpty();
    }

    @Test
    void anInvalidDigestAnswers400() {
        for (String digest : new String[] {"sha256:" + "q".repeat(64), "md5:" + "a".repeat(32), "v1", "sha256:..."}) {
            OciErrors.assertError(referrers(digest, null), 400, "DIGEST_INVALID");
        }
    }

    @Test
    void aDeletedReferrerIsNoLongerListed() {
        ManifestDocument image = registry.pushImage(repository, "deleted-referrer");
        ManifestDocument kept = note(image);
        ManifestDocument deleted = note(image);
        assertThat(referrers(image.digest(), null).jsonPath().getList("manifests.digest"))
                .containsExactlyInAnyOrder(kept.digest(), deleted.digest());

        assertThat(registry.given().delete("/v2/" + repository + "/manifests/" + deleted.digest()).statusCode())
                .isEqualTo(202);

        assertThat(referrers(image.digest(), null).jsonPath().getList("manifests.digest"))
                .containsExactly(kept.digest());
    }

    @Test
    void referrersOfAManifestThatWasNeverPushedAreListed() {
        ManifestDocument ghost = registry.ociImage(repository);
        ManifestDocument note = note(ghost);

        assertThat(referrers(ghost.digest(), null).jsonPath().getList("manifests.digest"))
                .containsExactly(note.digest());
    }

    /**
     * {@code GET /admin/referrers}: the index asks for a page of manifests at once, and gets for each what the
     * referrers API lists for it.
     */
    @Test
    void theAdminApiListsTheReferrersOfSeveralManifestsAtOnce() {
        ManifestDocument image = registry.pushImage(repository, "several-subjects");
        ManifestDocument imageNote = note(image);
        String unknown = TestBlob.sha256("no manifest has this".getBytes());

        Response response = registry.given().queryParam("repository", repository)
                .queryParam("digest", subject.digest(), image.digest(), unknown).get("/admin/referrers");

        assertThat(response.statusCode()).as(OciErrors.describe(response)).isEqualTo(200);
        Map<String, List<Map<String, Object>>> answers = response.jsonPath().getMap("referrers");
        assertThat(answers).containsOnlyKeys(subject.digest(), image.digest(), unknown);
        assertThat(answers.get(subject.digest()))
                .isEqualTo(referrers(subject.digest(), null).jsonPath().getList("manifests"));
        assertThat(answers.get(image.digest())).extracting(descriptor -> descriptor.get("digest"))
                .containsExactly(imageNote.digest());
        assertThat(answers.get(unknown)).isEmpty();
    }

    @Test
    void theAdminApiAnswersNoReferrersInAnotherRepositoryAnd400ForABadDigest() {
        Response elsewhere = registry.given().queryParam("repository", newRepository("referrers-elsewhere"))
                .queryParam("digest", subject.digest()).get("/admin/referrers");
        assertThat(elsewhere.statusCode()).as(OciErrors.describe(elsewhere)).isEqualTo(200);
        assertThat(elsewhere.jsonPath().getMap("referrers")).isEqualTo(Map.of(subject.digest(), List.of()));

        OciErrors.assertError(registry.given().queryParam("repository", repository)
                .queryParam("digest", subject.digest(), "sha256:...").get("/admin/referrers"), 400, "DIGEST_INVALID");
        OciErrors.assertError(registry.given().queryParam("repository", "Not/A/Name")
                .queryParam("digest", subject.digest()).get("/admin/referrers"), 400, "NAME_INVALID");
    }

    /** Pushes a small artifact (unique by its annotation) referring to {@code subject}. */
    private ManifestDocument note(ManifestDocument subject) {
        return registry.pushByDigest(repository, ManifestBuilder.ociArtifact("application/vnd.example.note",
                TestBlob.EMPTY_JSON.descriptor(TestBlob.OCI_EMPTY)).subject(subject.descriptor())
                .annotation("nonce", TestBlob.random(8).hex()).build());
    }

    private Response referrers(String digest, String artifactType) {
        return referrers(repository, digest, artifactType);
    }

    private Response referrers(String name, String digest, String artifactType) {
        return registry.given().get("/v2/" + name + "/referrers/" + digest
                + (artifactType == null ? "" : "?artifactType=" + artifactType));
    }
}
