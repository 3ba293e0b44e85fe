package io.wharf.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.wharf.registry.api.support.OciErrors;
import io.wharf.registry.api.support.RawHttp;
import io.wharf.registry.api.support.RegistryApiTest;
import io.wharf.registry.api.support.RegistryClient;
import io.wharf.registry.api.support.TestBlob;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Pushing blobs: monolithic ({@code POST ?digest=}, {@code POST} then {@code PUT}), chunked ({@code PATCH} with and
 * without {@code Content-Range}), upload status, cancelling, and every way an upload can go wrong (end-4a, 4b, 5,
 * 6, 13).
 */
class BlobUploadTest extends RegistryApiTest {

    private static final String UUID_PATTERN =
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    @Test
    void postStartsASessionWithLocationRangeAndUuid() {
        String repository = newRepository("start");

        Response response = registry.given().body(new byte[0])
                .post("/v2/" + repository + "/blobs/uploads/");

        assertThat(response.statusCode()).isEqualTo(202);
        String location = RegistryClient.path(response.header("Location"));
        String uuid = response.header("Docker-Upload-UUID");
        assertThat(uuid).matches(UUID_PATTERN);
        assertThat(location).startsWith("/v2/" + repository + "/blobs/uploads/").contains(uuid);
        assertThat(response.header("Range")).isEqualTo("0-0");
        // two sessions never share an id
        assertThat(registry.startUpload(repository)).isNotEqualTo(location);
    }

    @Test
    void monolithicPostStoresTheBlob() {
        String repository = newRepository("monolithic");
        TestBlob blob = TestBlob.random(70_000);

        Response response = registry.given().contentType(TestBlob.OCTET_STREAM).body(blob.bytes())
                .post("/v2/" + repository + "/blobs/uploads/?digest=" + blob.digest());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.header("Docker-Content-Digest")).isEqualTo(blob.digest());
        String location = RegistryClient.path(response.header("Location"));
        assertThat(location).isEqualTo("/v2/" + repository + "/blobs/" + blob.digest());
        Response pulled = registry.given().get(location);
        assertThat(pulled.statusCode()).isEqualTo(200);
        assertThat(pulled.asByteArray()).isEqualTo(blob.bytes());
    }

    @Test
    void monolithicPostWithTheWrongDigestStoresNothing() {
        String repository = newRepository("monowrong");
        TestBlob blob = TestBlob.random(1000);
        TestBlob claimed = TestBlob.random(1000);

        Response response = registry.given().contentType(TestBlob.OCTET_STREAM).body(blob.bytes())
                .post("/v2/" + repository + "/blobs/uploads/?digest=" + claimed.digest());

        OciErrors.assertError(response, 400, "DIGEST_INVALID");
        assertThat(registry.getBlob(repository, claimed.digest()).statusCode()).isEqualTo(404);
        assertThat(registry.getBlob(repository, blob.digest()).statusCode()).isEqualTo(404);
    }

    @Test
    void postThenPutWithTheWholeBody() {
        String repository = newRepository("postput");
        TestBlob blob = TestBlob.random(50_000);
        String location = registry.startUpload(repository);

        Response response = registry.given().contentType(TestBlob.OCTET_STREAM).body(blob.bytes())
                .put(RegistryClient.withQuery(location, "digest=" + blob.digest()));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.header("Docker-Content-Digest")).isEqualTo(blob.digest());
        assertThat(RegistryClient.path(response.header("Location")))
                .isEqualTo("/v2/" + repository + "/blobs/" + blob.digest());
        assertThat(registry.getBlob(repository, blob.digest()).asByteArray()).isEqualTo(blob.bytes());
        // a closed session is gone
        OciErrors.assertError(registry.given().get(location), 404, "BLOB_UPLOAD_UNKNOWN");
    }

    @Test
    void chunkedUploadWithContentRangeFollowingEachLocation() {
        String repository = newRepository("chunked");
        TestBlob blob = TestBlob.random(250_000);
        String location = registry.startUpload(repository);
        String uuid = location.substring(location.lastIndexOf('/') + 1).replaceAll("\\?.*", "");

        int[] ends = {99_999, 199_999, 249_999};
        int start = 0;
        for (int end : ends) {
            Response patched = registry.patchChunk(location, blob.slice(start, end + 1), start);
            assertThat(patched.statusCode()).as(OciErrors.describe(patched)).isEqualTo(202);
            assertThat(patched.header("Range")).isEqualTo("0-" + end);
            assertThat(patched.header("Docker-Upload-UUID")).isEqualTo(uuid);
            location = RegistryClient.path(patched.header("Location"));
            assertThat(location).contains(uuid);
            start = end + 1;
        }

        Response status = registry.given().get(location);
        assertThat(status.statusCode()).isEqualTo(204);
        assertThat(status.header("Range")).isEqualTo("0-249999");
        assertThat(RegistryClient.path(status.header("Location"))).contains(uuid);
        assertThat(status.header("Docker-Upload-UUID")).isEqualTo(uuid);

        Response finished = registry.finishUpload(location, blob.digest());
        assertThat(finished.statusCode()).isEqualTo(201);
        assertThat(finished.header("Docker-Content-Digest")).isEqualTo(blob.digest());
        assertThat(RegistryClient.path(finished.header("Location")))
                .isEqualTo("/v2/" + repository + "/blobs/" + blob.digest());
        assertThat(registry.getBlob(repository, blob.digest()).asByteArray()).isEqualTo(blob.bytes());
    }

    @Test
    void theHttpFormOfContentRangeIsAcceptedToo() {
        String repository = newRepository("httprange");
        TestBlob blob = TestBlob.random(2000);
        String location = registry.startUpload(repository);

        Response patched = registry.given().contentType(TestBlob.OCTET_STREAM)
                .header("Content-Range", "bytes 0-999/*").body(blob.slice(0, 1000)).patch(location);
        assertThat(patched.statusCode()).isEqualTo(202);
        Response rest = registry.patchChunk(RegistryClient.path(patched.header("Location")), blob.slice(1000, 2000),
                1000);
        assertThat(rest.header("Range")).isEqualTo("0-1999");

        assertThat(registry.finishUpload(RegistryClient.path(rest.header("Location")), blob.digest()).statusCode())
                .isEqualTo(201);
        assertThat(registry.getBlob(repository, blob.digest()).asByteArray()).isEqualTo(blob.bytes());
    }

    @Test
    void anOutOfOrderChunkAnswers416AndTheUploadCarriesOn() {
        String repository = newRepository("outoforder");
        TestBlob blob = TestBlob.random(300);
        String location = registry.startUpload(repository);
        location = RegistryClient.path(registry.patchChunk(location, blob.slice(0, 100), 0).header("Location"));

        Response gap = registry.patchChunk(location, blob.slice(150, 200), 150);
        Response overlap = registry.patchChunk(location, blob.slice(0, 100), 0);
        Response behind = registry.patchChunk(location, blob.slice(50, 150), 50);

        assertThat(gap.statusCode()).isEqualTo(416);
        assertThat(overlap.statusCode()).isEqualTo(416);
        assertThat(behind.statusCode()).isEqualTo(416);
        Response status = registry.given().get(location);
        assertThat(status.statusCode()).isEqualTo(204);
        assertThat(status.header("Range")).isEqualTo("0-99");
        Response resumed = registry.patchChunk(location, blob.slice(100, 300), 100);
        assertThat(resumed.statusCode()).isEqualTo(202);
        assertThat(registry.finishUpload(RegistryClient.path(resumed.header("Location")), blob.digest()).statusCode())
                .isEqualTo(201);
        assertThat(registry.getBlob(repository, blob.digest()).asByteArray()).isEqualTo(blob.bytes());
        OciErrors.assertErrorStatus(gap, 416);
        OciErrors.assertErrorStatus(overlap, 416);
    }

    @Test
    void aChunkWhoseLengthDisagreesWithItsRangeIsRefused() {
        String repository = newRepository("badlength");
        String location = registry.startUpload(repository);

        Response response = registry.given().contentType(TestBlob.OCTET_STREAM).header("Content-Range", "0-99")
                .body(new byte[50]).patch(location);

        OciErrors.assertError(response, 400, "SIZE_INVALID");
        assertThat(registry.given().get(location).header("Range")).isEqualTo("0-0");
    }

    /** What the docker engine sends: one PATCH, no Content-Range, the body in chunked transfer encoding. */
    @Test
    void streamedPatchWithChunkedTransferEncoding() {
        String repository = newRepository("streamed");
        TestBlob blob = TestBlob.random(3 * 1024 * 1024 + 17);
        String location = registry.startUpload(repository);

        RawHttp.Response patched = registry.raw("PATCH", location)
                .header("Content-Type", TestBlob.OCTET_STREAM).body(blob.bytes()).chunked(64 * 1024).send();

        assertThat(patched.status()).as(patched.bodyText()).isEqualTo(202);
        assertThat(patched.header("Range")).isEqualTo("0-" + (blob.size() - 1));
        String next = RegistryClient.path(patched.header("Location"));
        Response finished = registry.finishUpload(next, blob.digest());
        assertThat(finished.statusCode()).isEqualTo(201);
        assertThat(finished.header("Docker-Content-Digest")).isEqualTo(blob.digest());
        assertThat(registry.getBlob(repository, blob.digest()).asByteArray()).isEqualTo(blob.bytes());
    }

    @Test
    void aStreamedPatchCanBeFollowedByRangedChunks() {
        String repository = newRepository("mixed");
        TestBlob blob = TestBlob.random(10_000);
        String location = registry.startUpload(repository);

        RawHttp.Response first = registry.raw("PATCH", location)
                .header("Content-Type", TestBlob.OCTET_STREAM).body(blob.slice(0, 4000)).chunked(1000).send();
        assertThat(first.header("Range")).isEqualTo("0-3999");
        Response second = registry.patchChunk(RegistryClient.path(first.header("Location")),
                blob.slice(4000, 10_000), 4000);

        assertThat(second.statusCode()).isEqualTo(202);
        assertThat(second.header("Range")).isEqualTo("0-9999");
        assertThat(registry.finishUpload(RegistryClient.path(second.header("Location")), blob.digest()).statusCode())
                .isEqualTo(201);
        assertThat(registry.getBlob(repository, blob.digest()).asByteArray()).isEqualTo(blob.bytes());
    }

    @Test
    void putCanCarryTheFinalChunk() {
        String repository = newRepository("finalchunk");
        TestBlob blob = TestBlob.random(5000);
        String location = registry.startUpload(repository);
        location = RegistryClient.path(registry.patchChunk(location, blob.slice(0, 3000), 0).header("Location"));

        Response finished = registry.given().contentType(TestBlob.OCTET_STREAM)
                .header("Content-Range", "3000-4999").body(blob.slice(3000, 5000))
                .put(RegistryClient.withQuery(location, "digest=" + blob.digest()));

        assertThat(finished.statusCode()).as(OciErrors.describe(finished)).isEqualTo(201);
        assertThat(finished.header("Docker-Content-Digest")).isEqualTo(blob.digest());
        assertThat(registry.getBlob(repository, blob.digest()).asByteArray()).isEqualTo(blob.bytes());
    }

    @Test
    void putWithoutBodyClosesAChunkedUpload() {
        String repository = newRepository("nobody");
        TestBlob blob = TestBlob.random(4096);

        String session = registry.uploadInChunks(repository, blob, 1024);

        assertThat(registry.getBlob(repository, blob.digest()).asByteArray()).isEqualTo(blob.bytes());
        OciErrors.assertError(registry.given().get(session), 404, "BLOB_UPLOAD_UNKNOWN");
    }

    @Test
    void aWrongDigestOnPutIsRefusedNothingIsServedAndTheSessionIsGone() {
        String repository = newRepository("wrongdigest");
        TestBlob blob = TestBlob.random(3000);
        TestBlob claimed = TestBlob.random(3000);
        String location = registry.startUpload(repository);
        location = RegistryClient.path(registry.patchChunk(location, blob.bytes(), 0).header("Location"));

        Response response = registry.finishUpload(location, claimed.digest());

        OciErrors.assertError(response, 400, "DIGEST_INVALID");
        OciErrors.assertError(registry.getBlob(repository, claimed.digest()), 404, "BLOB_UNKNOWN");
        OciErrors.assertError(registry.getBlob(repository, blob.digest()), 404, "BLOB_UNKNOWN");
        OciErrors.assertError(registry.given().get(location), 404, "BLOB_UPLOAD_UNKNOWN");
        OciErrors.assertError(registry.finishUpload(location, blob.digest()), 404, "BLOB_UPLOAD_UNKNOWN");
    }

    @Test
    void putWithoutOrWithAMalformedDigestIsRefused() {
        String repository = newRepository("putdigest");
        String location = registry.startUpload(repository);

        OciErrors.assertError(registry.given().put(location), 400, "DIGEST_INVALID");
        OciErrors.assertError(registry.finishUpload(location, "sha256:../../../etc/passwd"), 400, "DIGEST_INVALID");
        OciErrors.assertError(registry.finishUpload(location, "sha256:" + "g".repeat(64)), 400, "DIGEST_INVALID");
        OciErrors.assertError(registry.given().contentType(TestBlob.OCTET_STREAM).body(new byte[] {1, 2})
                .post("/v2/" + repository + "/blobs/uploads/?digest=sha256:..%2F..%2Fetc"), 400, "DIGEST_INVALID");
        OciErrors.assertError(registry.given().contentType(TestBlob.OCTET_STREAM).body(new byte[] {1, 2})
                .post("/v2/" + repository + "/blobs/uploads/?digest=md5:" + "a".repeat(32)), 400, "DIGEST_INVALID");
    }

    @Test
    void sha512DigestsWork() {
        String repository = newRepository("sha512");
        TestBlob chunked = TestBlob.random(20_000);
        TestBlob whole = TestBlob.random(900);

        String location = registry.startUpload(repository);
        location = RegistryClient.path(registry.patchChunk(location, chunked.slice(0, 12_000), 0).header("Location"));
        location = RegistryClient.path(registry.patchChunk(location, chunked.slice(12_000, 20_000), 12_000)
                .header("Location"));
        Response finished = registry.finishUpload(location, chunked.sha512());
        Response monolithic = registry.given().contentType(TestBlob.OCTET_STREAM).body(whole.bytes())
                .post("/v2/" + repository + "/blobs/uploads/?digest=" + whole.sha512());

        assertThat(finished.statusCode()).as(OciErrors.describe(finished)).isEqualTo(201);
        assertThat(finished.header("Docker-Content-Digest")).isEqualTo(chunked.sha512());
        assertThat(monolithic.statusCode()).isEqualTo(201);
        Response pulled = registry.getBlob(repository, chunked.sha512());
        assertThat(pulled.statusCode()).isEqualTo(200);
        assertThat(pulled.header("Docker-Content-Digest")).isEqualTo(chunked.sha512());
        assertThat(pulled.asByteArray()).isEqualTo(chunked.bytes());
        assertThat(registry.getBlob(repository, whole.sha512()).asByteArray()).isEqualTo(whole.bytes());
        // the wrong sha512 is refused like the wrong sha256
        OciErrors.assertError(registry.given().contentType(TestBlob.OCTET_STREAM).body(whole.bytes())
                .post("/v2/" + repository + "/blobs/uploads/?digest=" + chunked.sha512()), 400, "DIGEST_INVALID");
    }

    @Test
    void unknownAndGarbageUploadIdsAnswer404() {
        String repository = newRepository("unknownupload");
        registry.startUpload(repository);
        String base = "/v2/" + repository + "/blobs/uploads/";

        for (String id : new String[] {UUID.randomUUID().toString(), "not-an-upload", "12345",
                UUID.randomUUID().toString().toUpperCase()}) {
            OciErrors.assertError(registry.given().get(base + id), 404, "BLOB_UPLOAD_UNKNOWN");
            OciErrors.assertError(registry.patchChunk(base + id, new byte[] {1}, 0), 404, "BLOB_UPLOAD_UNKNOWN");
            OciErrors.assertError(registry.finishUpload(base + id, TestBlob.sha256(new byte[0])), 404,
                    "BLOB_UPLOAD_UNKNOWN");
            OciErrors.assertError(registry.given().delete(base + id), 404, "BLOB_UPLOAD_UNKNOWN");
        }
    }

    @Test
    void pathTraversalLookingUploadIdsAnswer404() {
        String repository = newRepository("traversalid");
        registry.startUpload(repository);
        String base = "/v2/" + repository + "/blobs/uploads/";

        for (String id : new String[] {"%2E%2E", "..", "....", "~root", "..;x=1", "%2E%2E%3B"}) {
            for (String method : new String[] {"GET", "PATCH", "PUT", "DELETE"}) {
                RawHttp request = registry.raw(method, base + id + ("PUT".equals(method)
                        ? "?digest=" + TestBlob.sha256(new byte[] {1}) : ""));
                RawHttp.Response response = ("GET".equals(method) || "DELETE".equals(method) ? request
                        : request.header("Content-Type", TestBlob.OCTET_STREAM).body(new byte[] {1})).send();
                OciErrors.assertError(response, 404, "BLOB_UPLOAD_UNKNOWN");
            }
        }
        // encoded separators never get past the servlet container
        for (String id : new String[] {"%2E%2E%2F%2E%2E%2Fetc", "%2E%2E%5C%2E%2E%5Cetc"}) {
            assertThat(registry.raw("GET", base + id).send().status()).as(id).isEqualTo(400);
        }
    }

    @Test
    void anUploadOfAnotherRepositoryIsUnknownHere() {
        String owner = newRepository("uploadowner");
        String other = newRepository("uploadother");
        registry.startUpload(other);
        TestBlob blob = TestBlob.random(100);
        String location = registry.startUpload(owner);
        String foreign = location.replace("/v2/" + owner + "/", "/v2/" + other + "/");

        OciErrors.assertError(registry.given().get(foreign), 404, "BLOB_UPLOAD_UNKNOWN");
        OciErrors.assertError(registry.patchChunk(foreign, blob.bytes(), 0), 404, "BLOB_UPLOAD_UNKNOWN");
        OciErrors.assertError(registry.finishUpload(foreign, blob.digest()), 404, "BLOB_UPLOAD_UNKNOWN");
        OciErrors.assertError(registry.given().delete(foreign), 404, "BLOB_UPLOAD_UNKNOWN");
        // the session still belongs to its own repository, untouched
        Response patched = registry.patchChunk(location, blob.bytes(), 0);
        assertThat(patched.statusCode()).isEqualTo(202);
        assertThat(registry.finishUpload(RegistryClient.path(patched.header("Location")), blob.digest()).statusCode())
                .isEqualTo(201);
        assertThat(registry.getBlob(other, blob.digest()).statusCode()).isEqualTo(404);
    }

    @Test
    void deleteCancelsTheUpload() {
        String repository = newRepository("cancel");
        TestBlob blob = TestBlob.random(1000);
        String location = registry.startUpload(repository);
        location = RegistryClient.path(registry.patchChunk(location, blob.bytes(), 0).header("Location"));

        Response cancelled = registry.given().delete(location);

        assertThat(cancelled.statusCode()).isEqualTo(204);
        OciErrors.assertError(registry.given().get(location), 404, "BLOB_UPLOAD_UNKNOWN");
        OciErrors.assertError(registry.patchChunk(location, blob.bytes(), 1000), 404, "BLOB_UPLOAD_UNKNOWN");
        OciErrors.assertError(registry.finishUpload(location, blob.digest()), 404, "BLOB_UPLOAD_UNKNOWN");
        OciErrors.assertError(registry.given().delete(location), 404, "BLOB_UPLOAD_UNKNOWN");
        assertThat(registry.getBlob(repository, blob.digest()).statusCode()).isEqualTo(404);
    }

    /** curl sends -d/--data-binary bodies as a form: the servlet container must not eat them as form parameters. */
    @Test
    void aFormUrlencodedBodyIsStoredByteForByte() {
        String repository = newRepository("formbody");
        TestBlob form = TestBlob.of("a=1&b=%20two&digest=sha256:x&c".getBytes(StandardCharsets.US_ASCII));
        TestBlob chunked = TestBlob.of(("name=value&other=" + "x".repeat(5000)).getBytes(StandardCharsets.US_ASCII));

        RawHttp.Response monolithic = registry.raw("POST", "/v2/" + repository + "/blobs/uploads/?digest="
                + form.digest()).header("Content-Type", "application/x-www-form-urlencoded").body(form.bytes()).send();
        String location = registry.startUpload(repository);
        RawHttp.Response patched = registry.raw("PATCH", location)
                .header("Content-Type", "application/x-www-form-urlencoded").body(chunked.bytes()).send();
        RawHttp.Response finished = registry.raw("PUT", RegistryClient.withQuery(
                RegistryClient.path(patched.header("Location")), "digest=" + chunked.digest()))
                .header("Content-Type", "application/x-www-form-urlencoded").body(new byte[0]).send();

        assertThat(monolithic.status()).as(monolithic.bodyText()).isEqualTo(201);
        assertThat(patched.status()).as(patched.bodyText()).isEqualTo(202);
        assertThat(finished.status()).as(finished.bodyText()).isEqualTo(201);
        assertThat(registry.getBlob(repository, form.digest()).asByteArray()).isEqualTo(form.bytes());
        assertThat(registry.getBlob(repository, chunked.digest()).asByteArray()).isEqualTo(chunked.bytes());
    }

    @Test
    void aZeroLengthBlob() {
        String repository = newRepository("zero");
        TestBlob empty = TestBlob.of(new byte[0]);
        String emptyOther = newRepository("zero");

        Response monolithic = registry.given().contentType(TestBlob.OCTET_STREAM).body(new byte[0])
                .post("/v2/" + repository + "/blobs/uploads/?digest=" + empty.digest());
        String location = registry.startUpload(emptyOther);
        Response putEmpty = registry.finishUpload(location, empty.digest());

        assertThat(monolithic.statusCode()).isEqualTo(201);
        assertThat(putEmpty.statusCode()).isEqualTo(201);
        for (String name : new String[] {repository, emptyOther}) {
            Response head = registry.given().head("/v2/" + name + "/blobs/" + empty.digest());
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.header("Content-Length")).isEqualTo("0");
            assertThat(head.header("Docker-Content-Digest")).isEqualTo(empty.digest());
            Response get = registry.getBlob(name, empty.digest());
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(get.asByteArray()).isEmpty();
        }
    }
}
