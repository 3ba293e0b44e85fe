package io.wharf.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.wharf.registry.api.support.OciErrors;
import io.wharf.registry.api.support.RawHttp;
import io.wharf.registry.api.support.RegistryApiTest;
import io.wharf.registry.api.support.TestBlob;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pulling, checking and deleting blobs: {@code GET}, {@code HEAD}, {@code DELETE /v2/<name>/blobs/<digest>}. */
class BlobPullTest extends RegistryApiTest {

    private static final String MISSING_DIGEST = TestBlob.sha256("never pushed".getBytes());

    @Test
    void getServesTheExactBytesWithDigestAndLength() {
        String repository = newRepository("pull");
        TestBlob blob = registry.pushBlob(repository, TestBlob.random(300_000));

        Response response = registry.getBlob(repository, blob.digest());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("Docker-Content-Digest")).isEqualTo(blob.digest());
        assertThat(response.header("Content-Length")).isEqualTo(String.valueOf(blob.size()));
        assertThat(response.asByteArray()).isEqualTo(blob.bytes());
    }

    @Test
    void headAnswersDigestAndLengthWithoutBody() {
        String repository = newRepository("head");
        TestBlob blob = registry.pushBlob(repository, TestBlob.random(12_345));

        Response response = registry.given().head("/v2/" + repository + "/blobs/" + blob.digest());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("Docker-Content-Digest")).isEqualTo(blob.digest());
        assertThat(response.header("Content-Length")).isEqualTo("12345");
        assertThat(response.asByteArray()).isEmpty();
    }

    @Test
    void rangeRequestsAnswer206WithContentRange() {
        String repository = newRepository("range");
        TestBlob blob = registry.pushBlob(repository, TestBlob.random(1000));

        assertPartial(repository, blob, "bytes=10-19", 10, 19);
        assertPartial(repository, blob, "bytes=0-0", 0, 0);
        assertPartial(repository, blob, "bytes=-7", 993, 999);
        assertPartial(repository, blob, "bytes=990-", 990, 999);
        assertPartial(repository, blob, "bytes=900-5000", 900, 999);
        assertPartial(repository, blob, "bytes=-5000", 0, 999);
    }

    private void assertPartial(String repository, TestBlob blob, String range, int first, int last) {
        Response response = registry.given().header("Range", range)
                .get("/v2/" + repository + "/blobs/" + blob.digest());

        assertThat(response.statusCode()).as(range).isEqualTo(206);
        assertThat(response.header("Content-Range")).as(range)
                .isEqualTo("bytes " + first + "-" + last + "/" + blob.size());
        assertThat(response.header("Content-Length")).as(range).isEqualTo(String.valueOf(last - first + 1));
        assertThat(response.asByteArray()).as(range).isEqualTo(blob.slice(first, last + 1));
    }

    @Test
    void unsatisfiableRangesAnswer416WithTheSize() {
        String repository = newRepository("range416");
        TestBlob blob = registry.pushBlob(repository, TestBlob.random(100));
        TestBlob empty = registry.pushBlob(repository, TestBlob.of(new byte[0]));
        List<Response> responses = new ArrayList<>();

        for (String range : new String[] {"bytes=100-", "bytes=100-200", "bytes=5000-6000", "bytes=-0"}) {
            Response response = registry.given().header("Range", range)
                    .get("/v2/" + repository + "/blobs/" + blob.digest());
            assertThat(response.statusCode()).as(range).isEqualTo(416);
            assertThat(response.header("Content-Range")).as(range).isEqualTo("bytes */100");
            responses.add(response);
        }
        Response onEmpty = registry.given().header("Range", "bytes=0-")
                .get("/v2/" + repository + "/blobs/" + empty.digest());
        assertThat(onEmpty.statusCode()).isEqualTo(416);
        assertThat(onEmpty.header("Content-Range")).isEqualTo("bytes */0");
        responses.add(onEmpty);

        responses.forEach(response -> OciErrors.assertErrorStatus(response, 416));
    }

    /**
     * RFC 9110 §14.2: "An origin server MUST ignore a Range header field that contains a range unit it does not
     * understand."
     */
    @Test
    void aRangeInAnUnknownUnitIsIgnored() {
        String repository = newRepository("rangeunit");
        TestBlob blob = registry.pushBlob(repository, TestBlob.random(100));

        Response response = registry.given().header("Range", "items=0-9")
                .get("/v2/" + repository + "/blobs/" + blob.digest());

        assertThat(response.statusCode()).as(OciErrors.describe(response)).isEqualTo(200);
        assertThat(response.asByteArray()).isEqualTo(blob.bytes());
    }

    /**
     * RFC 9110 §14.2: "A server MUST ignore a Range header field received with a request method that is unrecognized
     * or for which range handling is not defined. For this specification, GET is the only method for which range
     * handling is defined." A HEAD must report the whole blob's size.
     */
    @Test
    void headIgnoresRange() {
        String repository = newRepository("headrange");
        TestBlob blob = registry.pushBlob(repository, TestBlob.random(100));

        Response response = registry.given().header("Range", "bytes=0-9")
                .head("/v2/" + repository + "/blobs/" + blob.digest());

        assertThat(response.statusCode()).as(OciErrors.describe(response)).isEqualTo(200);
        assertThat(response.header("Content-Length")).isEqualTo("100");
        assertThat(response.header("Content-Range")).isNull();
    }

    @Test
    void unknownBlobAnswers404BlobUnknown() {
        String repository = newRepository("unknownblob");
        registry.pushBlob(repository, TestBlob.random(10));

        OciErrors.assertError(registry.getBlob(repository, MISSING_DIGEST), 404, "BLOB_UNKNOWN");
        OciErrors.assertErrorStatus(registry.given().head("/v2/" + repository + "/blobs/" + MISSING_DIGEST), 404);
    }

    @Test
    void blobOfAnUnknownRepositoryAnswers404() {
        String repository = newRepository("norepo");

        for (Response response : List.of(registry.getBlob(repository, MISSING_DIGEST),
                registry.given().delete("/v2/" + repository + "/blobs/" + MISSING_DIGEST))) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(OciErrors.codes(response.asByteArray())).first().isIn("BLOB_UNKNOWN", "NAME_UNKNOWN");
        }
        OciErrors.assertErrorStatus(registry.given().head("/v2/" + repository + "/blobs/" + MISSING_DIGEST), 404);
    }

    @Test
    void aBlobPushedToAnotherRepositoryIsNotVisibleHere() {
        String owner = newRepository("owner");
        String stranger = newRepository("stranger");
        TestBlob secret = registry.pushBlob(owner, TestBlob.random(64));
        registry.pushBlob(stranger, TestBlob.random(64));

        OciErrors.assertError(registry.getBlob(stranger, secret.digest()), 404, "BLOB_UNKNOWN");
        OciErrors.assertErrorStatus(registry.given().head("/v2/" + stranger + "/blobs/" + secret.digest()), 404);
        OciErrors.assertError(registry.given().header("Range", "bytes=0-3")
                .get("/v2/" + stranger + "/blobs/" + secret.digest()), 404, "BLOB_UNKNOWN");
        assertThat(registry.getBlob(owner, secret.digest()).statusCode()).isEqualTo(200);
    }

    @Test
    void malformedDigestsAnswer400DigestInvalid() {
        String repository = newRepository("baddigest");
        registry.pushBlob(repository, TestBlob.random(10));
        String hex = "a".repeat(64);

        for (String digest : new String[] {
                "sha256:" + "z".repeat(64),          // not hex
                "sha256:" + "a".repeat(63),          // too short
                "sha256:" + "A".repeat(64),          // upper case
                "sha512:" + hex,                     // wrong length for sha512
                "md5:" + "a".repeat(32),             // unknown algorithm
                "sha257:" + hex,                     // unknown algorithm
                "sha256" + hex,                      // no separator
                "sha256:",                           // empty
                "latest"}) {
            OciErrors.assertError(registry.getBlob(repository, digest), 400, "DIGEST_INVALID");
            OciErrors.assertError(registry.given().delete("/v2/" + repository + "/blobs/" + digest), 400,
                    "DIGEST_INVALID");
        }
    }

    @Test
    void traversalInTheDigestNeverServesAFile() {
        String repository = newRepository("traversal");
        registry.pushBlob(repository, TestBlob.random(10));

        // ".." segments sent verbatim (ordinary clients would normalize them away) and percent-encoded
        for (String target : new String[] {
                "/v2/" + repository + "/blobs/sha256:../../../../etc/passwd",
                "/v2/" + repository + "/blobs/sha256:%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
                "/v2/" + repository + "/blobs/sha256:..%5C..%5Cetc",
                "/v2/" + repository + "/blobs/sha256:%2E%2E"}) {
            RawHttp.Response response = registry.raw("GET", target).send();
            assertThat(response.status()).as(target + " -> " + response.bodyText()).isIn(400, 404);
            assertThat(response.bodyText()).as(target).doesNotContain("root:");
        }
        OciErrors.assertError(registry.raw("GET", "/v2/" + repository + "/blobs/sha256:%2E%2E").send(), 400,
                "DIGEST_INVALID");
    }

    @Test
    void deleteAnswers202AndTheBlobIsGone() {
        String repository = newRepository("delete");
        TestBlob blob = registry.pushBlob(repository, TestBlob.random(500));

        Response deleted = registry.given().delete("/v2/" + repository + "/blobs/" + blob.digest());

        assertThat(deleted.statusCode()).isEqualTo(202);
        OciErrors.assertError(registry.getBlob(repository, blob.digest()), 404, "BLOB_UNKNOWN");
        OciErrors.assertErrorStatus(registry.given().head("/v2/" + repository + "/blobs/" + blob.digest()), 404);
        OciErrors.assertError(registry.given().delete("/v2/" + repository + "/blobs/" + blob.digest()), 404,
                "BLOB_UNKNOWN");
    }

    @Test
    void deletingABlobInOneRepositoryLeavesItInTheOthers() {
        String first = newRepository("shared-a");
        String second = newRepository("shared-b");
        TestBlob blob = TestBlob.random(777);
        registry.pushBlob(first, blob);
        registry.pushBlob(second, blob);

        assertThat(registry.given().delete("/v2/" + first + "/blobs/" + blob.digest()).statusCode()).isEqualTo(202);

        OciErrors.assertError(registry.getBlob(first, blob.digest()), 404, "BLOB_UNKNOWN");
        Response stillThere = registry.getBlob(second, blob.digest());
        assertThat(stillThere.statusCode()).isEqualTo(200);
        assertThat(stillThere.asByteArray()).isEqualTo(blob.bytes());
    }

    @Test
    void deleteOfAnUnknownBlobAnswers404() {
        String repository = newRepository("deleteunknown");
        registry.pushBlob(repository, TestBlob.random(10));

        OciErrors.assertError(registry.given().delete("/v2/" + repository + "/blobs/" + MISSING_DIGEST), 404,
                "BLOB_UNKNOWN");
    }
}
