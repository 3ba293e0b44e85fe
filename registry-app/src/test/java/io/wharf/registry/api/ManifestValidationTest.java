package io.wharf.registry.api;

import static io.wharf.registry.api.support.ManifestBuilder.DOCKER_MANIFEST;
import static io.wharf.registry.api.support.ManifestBuilder.OCI_INDEX;
import static io.wharf.registry.api.support.ManifestBuilder.OCI_MANIFEST;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.wharf.registry.api.support.Descriptor;
import io.wharf.registry.api.support.ManifestBuilder;
import io.wharf.registry.api.support.ManifestDocument;
import io.wharf.registry.api.support.OciErrors;
import io.wharf.registry.api.support.RegistryApiTest;
import io.wharf.registry.api.support.TestBlob;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every way a manifest push or pull is refused, and that a refused push leaves nothing behind. */
class ManifestValidationTest extends RegistryApiTest {

    private static final int FOUR_MIB = 4 * 1024 * 1024;

    @Test
    void aMissingLayerOrConfigAnswersManifestBlobUnknown() {
        String repository = newRepository("missingblob");
        TestBlob config = registry.pushBlob(repository, TestBlob.randomConfig());
        TestBlob layer = registry.pushBlob(repository, TestBlob.random(100));
        TestBlob missing = TestBlob.random(100);

        assertRefused(repository, ManifestBuilder.ociImage(config.descriptor(TestBlob.OCI_CONFIG),
                layer.descriptor(TestBlob.OCI_LAYER), missing.descriptor(TestBlob.OCI_LAYER)).build(),
                400, "MANIFEST_BLOB_UNKNOWN");
        assertRefused(repository, ManifestBuilder.dockerImage(missing.descriptor(TestBlob.DOCKER_CONFIG),
                layer.descriptor(TestBlob.DOCKER_LAYER)).build(), 400, "MANIFEST_BLOB_UNKNOWN");
    }

    @Test
    void aDescriptorWhoseSizeDisagreesWithTheBlobIsRefused() {
        String repository = newRepository("wrongsize");
        TestBlob config = registry.pushBlob(repository, TestBlob.randomConfig());
        TestBlob layer = registry.pushBlob(repository, TestBlob.random(100));
        ManifestDocument manifest = ManifestBuilder.ociImage(config.descriptor(TestBlob.OCI_CONFIG),
                Descriptor.of(TestBlob.OCI_LAYER, layer.digest(), 99)).build();

        Response response = registry.putManifest(repository, "refused", manifest);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(OciErrors.codes(response.asByteArray())).first().isIn("MANIFEST_INVALID", "MANIFEST_BLOB_UNKNOWN");
        assertThat(registry.getManifest(repository, "refused").statusCode()).isEqualTo(404);
    }

    /** Non-distributable layers live at their {@code urls}; they are never pushed to the registry. */
    @Test
    void foreignLayersNeedNotBePushed() {
        String repository = newRepository("foreignlayer");
        TestBlob config = registry.pushBlob(repository, TestBlob.randomConfig());
        TestBlob foreign = TestBlob.random(1000);
        ManifestDocument manifest = ManifestBuilder.dockerImage(config.descriptor(TestBlob.DOCKER_CONFIG),
                foreign.descriptor("application/vnd.docker.image.rootfs.foreign.diff.tar.gzip")
                        .with("urls", List.of("https://example.com/layer.tar.gz"))).build();

        Response response = registry.putManifest(repository, "v1", manifest);

        assertThat(response.statusCode()).as(OciErrors.describe(response)).isEqualTo(201);
        assertThat(registry.getManifest(repository, "v1").asByteArray()).isEqualTo(manifest.bytes());
    }

    @Test
    void aBlobOnlyAnotherRepositoryHasAnswersManifestBlobUnknown() {
        String repository = newRepository("foreignblob");
        String other = newRepository("foreignblob-other");
        TestBlob config = registry.pushBlob(repository, TestBlob.randomConfig());
        TestBlob elsewhere = registry.pushBlob(other, TestBlob.random(100));

        assertRefused(repository, ManifestBuilder.ociImage(config.descriptor(TestBlob.OCI_CONFIG),
                elsewhere.descriptor(TestBlob.OCI_LAYER)).build(), 400, "MANIFEST_BLOB_UNKNOWN");
    }

    @Test
    void aMissingChildManifestAnswersManifestBlobUnknown() {
        String repository = newRepository("missingchild");
        ManifestDocument present = registry.pushByDigest(repository, registry.ociImage(repository));
        ManifestDocument absent = registry.ociImage(repository);

        assertRefused(repository, ManifestBuilder.ociIndex(present.descriptor(), absent.descriptor()).build(), 400,
                "MANIFEST_BLOB_UNKNOWN");
        assertRefused(repository, ManifestBuilder.dockerList(absent.descriptor().platform("linux", "amd64")).build(),
                400, "MANIFEST_BLOB_UNKNOWN");
    }

    @Test
    void aChildManifestOnlyAnotherRepositoryHasAnswersManifestBlobUnknown() {
        String repository = newRepository("foreignchild");
        String other = newRepository("foreignchild-other");
        ManifestDocument elsewhere = registry.pushByDigest(other, registry.ociImage(other));

        assertRefused(repository, ManifestBuilder.ociIndex(elsewhere.descriptor()).build(), 400,
                "MANIFEST_BLOB_UNKNOWN");
    }

    @Test
    void aSubjectThatDoesNotExistYetIsAccepted() {
        String repository = newRepository("futuresubject");
        ManifestDocument notYetPushed = registry.ociImage(repository);
        registry.pushBlob(repository, TestBlob.EMPTY_JSON);
        ManifestDocument artifact = ManifestBuilder.ociArtifact("application/vnd.example.sig",
                TestBlob.EMPTY_JSON.descriptor(TestBlob.OCI_EMPTY)).subject(notYetPushed.descriptor()).build();

        Response response = registry.putManifest(repository, artifact.digest(), artifact);

        assertThat(response.statusCode()).as(OciErrors.describe(response)).isEqualTo(201);
        assertThat(response.header("OCI-Subject")).isEqualTo(notYetPushed.digest());
    }

    @Test
    void pushByTheWrongDigestAnswersDigestInvalid() {
        String repository = newRepository("wrongdigest");
        ManifestDocument manifest = registry.ociImage(repository);
        ManifestDocument other = registry.ociImage(repository);

        Response bySha256 = registry.putManifest(repository, other.digest(), manifest);
        Response bySha512 = registry.putManifest(repository, TestBlob.sha512(other.bytes()), manifest);

        OciErrors.assertError(bySha256, 400, "DIGEST_INVALID");
        OciErrors.assertError(bySha512, 400, "DIGEST_INVALID");
        OciErrors.assertError(registry.getManifest(repository, other.digest()), 404, "MANIFEST_UNKNOWN");
        OciErrors.assertError(registry.getManifest(repository, manifest.digest()), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    void pushByAMalformedDigestAnswersDigestInvalid() {
        String repository = newRepository("malformeddigest");
        ManifestDocument manifest = registry.ociImage(repository);

        for (String reference : new String[] {"sha256:" + "x".repeat(64), "md5:" + "a".repeat(32), "sha256:abc"}) {
            OciErrors.assertError(registry.putManifest(repository, reference, manifest), 400, "DIGEST_INVALID");
        }
    }

    @Test
    void documentsThatAreNotValidManifestsAnswerManifestInvalid() {
        String repository = newRepository("invalid");
        ManifestDocument valid = registry.ociImage(repository);
        String text = valid.text();

        for (String broken : new String[] {
                "not json at all",
                "",
                "[]",
                "\"a string\"",
                text.substring(0, text.length() - 1),                                       // truncated
                text + "{}",                                                                // trailing document
                text.replace("\"schemaVersion\":2", "\"schemaVersion\":1"),
                text.replace("\"schemaVersion\":2", "\"schemaVersion\":\"2\""),
                text.replace("\"schemaVersion\":2,", ""),
                text.replace("\"schemaVersion\":2", "\"schemaVersion\":2,\"schemaVersion\":2"), // duplicate key
                text.replace("{\"schemaVersion\":2", "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\""),
                text.replace("\"layers\":[", "\"layers\":{\"x\":").replaceFirst("]}$", "}}"),
                text.replaceFirst(",\"layers\":\\[.*]", ""),                                // no layers
                text.replace("\"config\":", "\"konfig\":"),                                 // no config
                text.replaceFirst("\"size\":\\d+", "\"size\":-1"),
                text.replaceFirst("\"size\":\\d+", "\"size\":\"12\""),
                text.replaceFirst("\"digest\":\"sha256:", "\"digest\":\"sha256:zz")}) {
            assertThat(broken).as("test setup").isNotEqualTo(text);
            assertRefused(repository, ManifestDocument.of(OCI_MANIFEST, broken), 400, "MANIFEST_INVALID");
        }
    }

    @Test
    void anIndexWithoutManifestsArrayIsInvalid() {
        String repository = newRepository("badindex");

        assertRefused(repository, ManifestDocument.of(OCI_INDEX,
                "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\"}"), 400, "MANIFEST_INVALID");
        assertRefused(repository, ManifestDocument.of(OCI_INDEX,
                "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":[{\"size\":1}]}"), 400,
                "MANIFEST_INVALID");
    }

    @Test
    void aContentTypeThatContradictsTheMediaTypeFieldIsInvalid() {
        String repository = newRepository("ctmismatch");
        ManifestDocument oci = registry.ociImage(repository);
        ManifestDocument docker = registry.dockerImage(repository);

        assertRefused(repository, new ManifestDocument(DOCKER_MANIFEST, oci.bytes(), oci.digest()), 400,
                "MANIFEST_INVALID");
        assertRefused(repository, new ManifestDocument(OCI_MANIFEST, docker.bytes(), docker.digest()), 400,
                "MANIFEST_INVALID");
        assertRefused(repository, new ManifestDocument(OCI_INDEX, oci.bytes(), oci.digest()), 400,
                "MANIFEST_INVALID");
    }

    @Test
    void anUnknownManifestMediaTypeIsInvalid() {
        String repository = newRepository("unknowntype");
        ManifestDocument manifest = registry.ociImage(repository);

        assertRefused(repository, new ManifestDocument("application/vnd.docker.distribution.manifest.v1+prettyjws",
                manifest.text().replace(OCI_MANIFEST, "application/vnd.docker.distribution.manifest.v1+prettyjws")
                        .getBytes(), manifest.digest()), 400, "MANIFEST_INVALID");
    }

    @Test
    void aManifestOfExactlyFourMibIsAccepted() {
        String repository = newRepository("fourmib");
        ManifestDocument manifest = padded(registry.ociImage(repository), FOUR_MIB);

        Response response = registry.putManifest(repository, "big", manifest);

        assertThat(response.statusCode()).as(OciErrors.describe(response)).isEqualTo(201);
        assertThat(registry.getManifest(repository, "big").asByteArray()).isEqualTo(manifest.bytes());
    }

    @Test
    void aManifestOverFourMibAnswers413() {
        String repository = newRepository("toobig");
        ManifestDocument manifest = padded(registry.ociImage(repository), FOUR_MIB + 1);

        Response response = registry.putManifest(repository, "big", manifest);

        OciErrors.assertErrorStatus(response, 413);
        OciErrors.assertError(registry.getManifest(repository, "big"), 404, "MANIFEST_UNKNOWN");
    }

    @Test
    void invalidTagsAnswer400() {
        String repository = newRepository("badtag");
        ManifestDocument manifest = registry.ociImage(repository);

        for (String tag : new String[] {"-leading-dash", ".leading-dot", "a".repeat(129), "has+plus", "has%20space",
                "%E2%9C%93"}) {
            Response response = registry.putManifest(repository, tag, manifest);
            assertThat(response.statusCode()).as(tag).isEqualTo(400);
            assertThat(OciErrors.codes(response.asByteArray())).as(tag).first().isIn("MANIFEST_INVALID", "TAG_INVALID");
        }
        assertThat(registry.given().get("/v2/" + repository + "/tags/list").jsonPath().getList("tags")).isEmpty();
    }

    @Test
    void unknownManifestsAnswerManifestUnknown() {
        String repository = newRepository("unknownmanifest");
        registry.pushImage(repository, "exists");
        String missingDigest = TestBlob.sha256("nothing".getBytes());

        OciErrors.assertError(registry.getManifest(repository, "missing"), 404, "MANIFEST_UNKNOWN");
        OciErrors.assertError(registry.getManifest(repository, missingDigest), 404, "MANIFEST_UNKNOWN");
        OciErrors.assertErrorStatus(registry.given().head("/v2/" + repository + "/manifests/missing"), 404);
        OciErrors.assertErrorStatus(registry.given().head("/v2/" + repository + "/manifests/" + missingDigest), 404);
        OciErrors.assertError(registry.given().delete("/v2/" + repository + "/manifests/missing"), 404,
                "MANIFEST_UNKNOWN");
        OciErrors.assertError(registry.given().delete("/v2/" + repository + "/manifests/" + missingDigest), 404,
                "MANIFEST_UNKNOWN");
    }

    /** What the OCI conformance tests and clients expect: nothing can be stored under it, so it is unknown. */
    @Test
    void aReferenceThatIsNeitherTagNorDigestIsUnknownToGetAndHeadAndInvalidToPut() {
        String repository = newRepository("neithertag");
        registry.pushImage(repository, "exists");
        String reference = ".INVALID_MANIFEST_NAME";

        OciErrors.assertError(registry.getManifest(repository, reference), 404, "MANIFEST_UNKNOWN");
        OciErrors.assertErrorStatus(registry.given().head("/v2/" + repository + "/manifests/" + reference), 404);
        OciErrors.assertError(registry.putManifest(repository, reference, registry.ociImage(repository)), 400,
                "MANIFEST_INVALID");
    }

    @Test
    void manifestsOfAnUnknownRepositoryAnswerNameUnknown() {
        String repository = newRepository("neverpushed");

        OciErrors.assertError(registry.getManifest(repository, "latest"), 404, "NAME_UNKNOWN");
        OciErrors.assertError(registry.getManifest(repository, TestBlob.sha256(new byte[0])), 404, "NAME_UNKNOWN");
        OciErrors.assertErrorStatus(registry.given().head("/v2/" + repository + "/manifests/latest"), 404);
        OciErrors.assertError(registry.given().delete("/v2/" + repository + "/manifests/latest"), 404, "NAME_UNKNOWN");
    }

    /** A manifest padded with an annotation to exactly {@code size} bytes. */
    private static ManifestDocument padded(ManifestDocument manifest, int size) {
        String text = manifest.text();
        String prefix = text.substring(0, text.length() - 1) + ",\"annotations\":{\"padding\":\"";
        String suffix = "\"}}";
        String padding = "x".repeat(size - prefix.length() - suffix.length());
        ManifestDocument padded = ManifestDocument.of(manifest.mediaType(), prefix + padding + suffix);
        assertThat(padded.bytes()).hasSize(size);
        return padded;
    }

    /** The push answers {@code status}/{@code code}, and nothing was stored under the tag or the digest. */
    private void assertRefused(String repository, ManifestDocument manifest, int status, String code) {
        Response response = registry.putManifest(repository, "refused", manifest);
        OciErrors.assertError(response, status, code);
        assertThat(registry.getManifest(repository, "refused").statusCode()).isEqualTo(404);
        assertThat(registry.getManifest(repository, manifest.digest()).statusCode()).isEqualTo(404);
    }
}
