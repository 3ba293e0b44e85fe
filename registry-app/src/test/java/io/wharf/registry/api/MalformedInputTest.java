package io.wharf.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.wharf.registry.api.support.ManifestBuilder;
import io.wharf.registry.api.support.ManifestDocument;
import io.wharf.registry.api.support.OciErrors;
import io.wharf.registry.api.support.RawHttp;
import io.wharf.registry.api.support.RegistryApiTest;
import io.wharf.registry.api.support.RegistryClient;
import io.wharf.registry.api.support.TestBlob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad input never gets a 500: malformed headers and parameters are client errors, answered in the spec's format. */
class MalformedInputTest extends RegistryApiTest {

    @Test
    void malformedHeadersAndParametersAreClientErrors() {
        String repository = newRepository("malformed");
        TestBlob blob = registry.pushBlob(repository, TestBlob.random(100));
        ManifestDocument manifest = registry.pushImage(repository, "v1");
        String blobPath = "/v2/" + repository + "/blobs/" + blob.digest();
        Map<String, Response> responses = new LinkedHashMap<>();

        for (String range : new String[] {"bytes=abc", "bytes=", "bytes=1-2-3", "bytes=99999999999999999999-",
                "bytes=0-1,4-5", "bytes=--1"}) {
            responses.put("Range: " + range, registry.given().header("Range", range).get(blobPath));
        }
        for (String contentRange : new String[] {"abc", "5-2", "-1-3", "0-99999999999999999999", "bytes */*", ""}) {
            String location = registry.startUpload(repository);
            responses.put("Content-Range: " + contentRange, registry.given().contentType(TestBlob.OCTET_STREAM)
                    .header("Content-Range", contentRange).body(new byte[] {1, 2, 3}).patch(location));
        }
        for (String contentType : new String[] {"garbage", ";;;", "application/", "/json"}) {
            responses.put("manifest Content-Type: " + contentType, registry.given().contentType(contentType)
                    .body(manifest.bytes()).put("/v2/" + repository + "/manifests/v2"));
        }
        for (String query : new String[] {"digest=", "digest", "mount=&from=", "mount"}) {
            responses.put("POST ?" + query, registry.given().body(new byte[] {1})
                    .post("/v2/" + repository + "/blobs/uploads/?" + query));
        }
        responses.put("PUT ?digest=", registry.finishUpload(registry.startUpload(repository), ""));
        responses.put("tags ?n=&last=", registry.given().get("/v2/" + repository + "/tags/list?n=&last="));
        responses.put("referrers ?artifactType=", registry.given()
                .get("/v2/" + repository + "/referrers/" + manifest.digest() + "?artifactType="));

        responses.forEach((request, response) -> assertThat(response.statusCode())
                .as(request + " -> " + OciErrors.describe(response)).isLessThan(500));
    }

    /**
     * Broken percent-escapes (which ordinary clients refuse to send) in paths and query parameters: refused, or taken
     * literally, but never a server error.
     */
    @Test
    void brokenPercentEscapesNeverCauseAServerError() {
        String repository = newRepository("escapes");
        TestBlob blob = registry.pushBlob(repository, TestBlob.random(10));
        registry.pushImage(repository, "v1");
        String upload = registry.startUpload(repository);
        List<String> serverErrors = new ArrayList<>();

        for (String[] request : new String[][] {
                {"POST", "/v2/" + repository + "/blobs/uploads/?digest=%zz"},
                {"POST", "/v2/" + repository + "/blobs/uploads/?mount=%&from=" + repository},
                {"PUT", upload + "?digest=sha256%3"},
                {"GET", "/v2/" + repository + "/tags/list?n=%"},
                {"GET", "/v2/" + repository + "/tags/list?last=%g1"},
                {"GET", "/v2/_catalog?last=%"},
                {"GET", "/v2/" + repository + "/referrers/" + blob.digest() + "?artifactType=%x"},
                {"GET", "/v2/" + repository + "/manifests/v%"},
                {"GET", "/v2/" + repository + "/blobs/sha256%"},
                {"GET", "/v2/" + repository + "/blobs/uploads/%"}}) {
            RawHttp.Response response = registry.raw(request[0], request[1])
                    .body("GET".equals(request[0]) ? null : new byte[] {1}).send();
            if (response.status() >= 500) {
                serverErrors.add(String.join(" ", request) + " -> " + response.status() + " " + response.bodyText());
            }
        }
        assertThat(serverErrors).isEmpty();
        // a digest with a broken escape is no digest
        OciErrors.assertError(registry.raw("POST", "/v2/" + repository + "/blobs/uploads/?digest=%zz")
                .body(new byte[] {1}).send(), 400, "DIGEST_INVALID");
        OciErrors.assertError(registry.raw("PUT", upload + "?digest=sha256%3").body(new byte[0]).send(), 400,
                "DIGEST_INVALID");
    }

    @Test
    void aGarbledAcceptHeaderStillGetsAnAnswer() {
        String repository = newRepository("garbledaccept");
        ManifestDocument manifest = registry.pushImage(repository, "v1");

        RawHttp.Response response = registry.raw("GET", "/v2/" + repository + "/manifests/v1")
                .header("Accept", ";;;, /, */").send();

        assertThat(response.status()).isLessThan(500);
        if (response.status() == 200) {
            assertThat(response.body()).isEqualTo(manifest.bytes());
        }
    }

    @Test
    void aManifestThatIsNotJsonUnderAnIndexTypeIsInvalid() {
        String repository = newRepository("notjson");

        Response response = registry.putManifest(repository, "v1",
                ManifestDocument.of(ManifestBuilder.OCI_INDEX, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1}));

        OciErrors.assertError(response, 400, "MANIFEST_INVALID");
    }

    /**
     * A chunk whose body is shorter than its Content-Range (a client cut off mid-chunk, streamed without
     * Content-Length) is refused; the upload status then tells where to carry on, and carrying on from there ends
     * in the right blob.
     */
    @Test
    void aChunkShorterThanItsRangeIsRefusedAndTheUploadCanCarryOn() {
        String repository = newRepository("shortchunk");
        TestBlob blob = TestBlob.random(300);
        String location = registry.startUpload(repository);

        RawHttp.Response refused = registry.raw("PATCH", location).header("Content-Type", TestBlob.OCTET_STREAM)
                .header("Content-Range", "0-199").body(blob.slice(0, 120)).chunked(40).send();

        assertThat(refused.status()).as(refused.bodyText()).isEqualTo(400);
        assertThat(OciErrors.codes(refused.body())).first().isIn("SIZE_INVALID", "BLOB_UPLOAD_INVALID");
        Response status = registry.given().get(location);
        assertThat(status.statusCode()).isEqualTo(204);
        String range = status.header("Range");
        int stored = "0-0".equals(range) ? 0 : Integer.parseInt(range.substring(2)) + 1;
        assertThat(stored).isIn(0, 120);
        Response rest = registry.patchChunk(RegistryClient.path(status.header("Location")),
                blob.slice(stored, blob.size()), stored);
        assertThat(rest.statusCode()).isEqualTo(202);
        assertThat(registry.finishUpload(RegistryClient.path(rest.header("Location")), blob.digest()).statusCode())
                .isEqualTo(201);
        assertThat(registry.getBlob(repository, blob.digest()).asByteArray()).isEqualTo(blob.bytes());
    }
}
