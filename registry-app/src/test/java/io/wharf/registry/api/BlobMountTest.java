package io.wharf.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.wharf.registry.api.support.OciErrors;
import io.wharf.registry.api.support.RegistryApiTest;
import io.wharf.registry.api.support.RegistryClient;
import io.wharf.registry.api.support.TestBlob;
import org.junit.jupiter.api.Test;

/** Cross-repository mount: {@code POST /v2/<name>/blobs/uploads/?mount=<digest>&from=<other>} (end-11). */
class BlobMountTest extends RegistryApiTest {

    @Test
    void mountsABlobTheSourceHas() {
        String source = newRepository("mount-src");
        String target = newRepository("mount-dst");
        TestBlob blob = registry.pushBlob(source, TestBlob.random(40_000));

        Response response = mount(target, blob.digest(), source);

        assertThat(response.statusCode()).as(OciErrors.describe(response)).isEqualTo(201);
        assertThat(response.header("Docker-Content-Digest")).isEqualTo(blob.digest());
        String location = RegistryClient.path(response.header("Location"));
        assertThat(location).isEqualTo("/v2/" + target + "/blobs/" + blob.digest());
        Response pulled = registry.given().get(location);
        assertThat(pulled.statusCode()).isEqualTo(200);
        assertThat(pulled.asByteArray()).isEqualTo(blob.bytes());
    }

    @Test
    void mountingIntoARepositoryThatAlreadyHasTheBlobStillAnswers201() {
        String source = newRepository("mount-twice-src");
        String target = newRepository("mount-twice-dst");
        TestBlob blob = TestBlob.random(100);
        registry.pushBlob(source, blob);
        registry.pushBlob(target, blob);

        assertThat(mount(target, blob.digest(), source).statusCode()).isEqualTo(201);
        assertThat(mount(target, blob.digest(), source).statusCode()).isEqualTo(201);
        assertThat(registry.getBlob(target, blob.digest()).asByteArray()).isEqualTo(blob.bytes());
    }

    @Test
    void fallsBackToAnUploadWhenTheSourceLacksTheBlob() {
        String source = newRepository("fallback-src");
        String target = newRepository("fallback-dst");
        registry.pushBlob(source, TestBlob.random(10));
        TestBlob blob = TestBlob.random(3000);

        Response response = mount(target, blob.digest(), source);

        assertUploadStarted(response, target);
        OciErrors.assertError(registry.getBlob(target, blob.digest()), 404, "BLOB_UNKNOWN");
        // the session it opened takes the upload
        String location = RegistryClient.path(response.header("Location"));
        Response finished = registry.given().contentType(TestBlob.OCTET_STREAM).body(blob.bytes())
                .put(RegistryClient.withQuery(location, "digest=" + blob.digest()));
        assertThat(finished.statusCode()).isEqualTo(201);
        assertThat(registry.getBlob(target, blob.digest()).asByteArray()).isEqualTo(blob.bytes());
    }

    @Test
    void fallsBackToAnUploadWhenFromIsUnknownOrInvalid() {
        String source = newRepository("invalidfrom-src");
        String target = newRepository("invalidfrom-dst");
        TestBlob blob = registry.pushBlob(source, TestBlob.random(100));

        for (String from : new String[] {newRepository("nobody"), "Upper/Case", "../" + source, source + "/..",
                "%2E%2E%2F" + source, "", "a".repeat(300)}) {
            Response response = mount(target, blob.digest(), from);
            assertUploadStarted(response, target);
        }
        OciErrors.assertError(registry.getBlob(target, blob.digest()), 404, "BLOB_UNKNOWN");
    }

    @Test
    void mountWithoutFromStartsAnUpload() {
        String source = newRepository("nofrom-src");
        String target = newRepository("nofrom-dst");
        TestBlob blob = registry.pushBlob(source, TestBlob.random(100));

        Response response = registry.given().body(new byte[0])
                .post("/v2/" + target + "/blobs/uploads/?mount=" + blob.digest());

        assertUploadStarted(response, target);
    }

    @Test
    void aBlobDeletedFromTheSourceCannotBeMountedFromIt() {
        String source = newRepository("deleted-src");
        String target = newRepository("deleted-dst");
        TestBlob blob = registry.pushBlob(source, TestBlob.random(100));
        assertThat(registry.given().delete("/v2/" + source + "/blobs/" + blob.digest()).statusCode()).isEqualTo(202);

        assertUploadStarted(mount(target, blob.digest(), source), target);
        OciErrors.assertError(registry.getBlob(target, blob.digest()), 404, "BLOB_UNKNOWN");
    }

    @Test
    void aMalformedMountDigestNeverMountsAnything() {
        String source = newRepository("baddigest-src");
        String target = newRepository("baddigest-dst");
        registry.pushBlob(source, TestBlob.random(100));

        for (String digest : new String[] {"sha256:..%2F..%2Fetc", "sha256:" + "z".repeat(64), "md5:abc"}) {
            Response response = mount(target, digest, source);
            if (response.statusCode() == 202) {
                assertUploadStarted(response, target);
            } else {
                OciErrors.assertError(response, 400, "DIGEST_INVALID");
            }
        }
    }

    private Response mount(String target, String digest, String from) {
        return registry.given().body(new byte[0])
                .post("/v2/" + target + "/blobs/uploads/?mount=" + digest + "&from=" + from);
    }

    private void assertUploadStarted(Response response, String repository) {
        assertThat(response.statusCode()).as(OciErrors.describe(response)).isEqualTo(202);
        String location = RegistryClient.path(response.header("Location"));
        assertThat(location).startsWith("/v2/" + repository + "/blobs/uploads/");
        assertThat(response.header("Docker-Upload-UUID")).isNotBlank();
        assertThat(response.header("Docker-Content-Digest")).isNull();
        assertThat(registry.given().get(location).statusCode()).isEqualTo(204);
    }
}
