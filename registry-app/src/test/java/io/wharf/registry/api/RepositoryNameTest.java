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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Repository names: the spec's grammar (multi-level names), refusals, and that no name or digest escapes storage. */
class RepositoryNameTest extends RegistryApiTest {

    private static final String DIGEST = TestBlob.sha256("x".getBytes());

    @Test
    void multiLevelNamesWorkOnEveryEndpoint() {
        String repository = newRepository("team") + "/sub/app";
        assertWholeLifecycle(repository);
    }

    /** Names whose components look like the API's own path words must not confuse the router. */
    @Test
    void namesContainingRouteWordsWorkOnEveryEndpoint() {
        String base = newRepository("words");
        for (String repository : new String[] {base + "/blobs", base + "/blobs/uploads", base + "/manifests",
                base + "/tags/list", base + "/referrers", base + "/v2"}) {
            assertWholeLifecycle(repository);
        }
    }

    @Test
    void theSpecsSeparatorsAreAccepted() {
        for (String repository : new String[] {newRepository("a.b"), newRepository("a_b"), newRepository("a__b"),
                newRepository("a---b"), newRepository("0") + "/1/2/3/4/5"}) {
            TestBlob blob = registry.pushBlob(repository, TestBlob.random(16));
            assertThat(registry.getBlob(repository, blob.digest()).statusCode()).as(repository).isEqualTo(200);
        }
    }

    @Test
    void aNameOf255CharactersIsAccepted() {
        String prefix = newRepository("long") + "/";
        String repository = prefix + "n".repeat(255 - prefix.length());
        assertThat(repository).hasSize(255);

        TestBlob blob = registry.pushBlob(repository, TestBlob.random(16));
        registry.pushImage(repository, "v1");

        assertThat(registry.getBlob(repository, blob.digest()).statusCode()).isEqualTo(200);
        assertThat(registry.getManifest(repository, "v1").statusCode()).isEqualTo(200);
    }

    @Test
    void invalidNamesAnswerNameInvalid() {
        String tooLong = "n".repeat(256);
        for (String name : new String[] {"Team/app", "APP", "team/App", "a..b", "a/../b", "..", "a/.", "-app", "app-",
                ".app", "app.", "_app", "app_", "a___b", "a/-b", "a/b-", tooLong, "a/" + tooLong.substring(2),
                "a%2Eb", "ap%20p", "app:1", "app@x", "a;b"}) {
            for (String path : paths(name)) {
                OciErrors.assertError(request(path), 400, "NAME_INVALID");
            }
        }
        // an encoded '/' or a raw non-ASCII byte never gets past the servlet container
        for (String name : new String[] {"app%2Fx", "\u00e4pp"}) {
            for (String path : paths(name)) {
                assertThat(request(path).status()).as(path).isEqualTo(400);
            }
        }
    }

    private RawHttp.Response request(String path) {
        boolean upload = path.endsWith("/blobs/uploads/");
        return registry.raw(upload ? "POST" : "GET", path).body(upload ? new byte[0] : null).send();
    }

    @Test
    void emptyNameComponentsAnswerNameInvalid() {
        for (String name : new String[] {"a//b", "a/", "/a"}) {
            RawHttp.Response response = registry.raw("GET", "/v2/" + name + "/tags/list").send();
            OciErrors.assertError(response, 400, "NAME_INVALID");
        }
    }

    private static List<String> paths(String name) {
        return List.of("/v2/" + name + "/tags/list", "/v2/" + name + "/manifests/latest",
                "/v2/" + name + "/blobs/" + DIGEST, "/v2/" + name + "/blobs/uploads/",
                "/v2/" + name + "/referrers/" + DIGEST);
    }

    /** Every attempt to reach outside the data folder is refused; then a look at what is on disk. */
    @Test
    void nothingEverLandsOutsideTheDataDirectory() throws IOException {
        String repository = newRepository("confined");
        TestBlob blob = registry.pushBlob(repository, TestBlob.random(32));
        List<String> accepted = new ArrayList<>();
        for (String escape : new String[] {"..", "../..", "../../..", "%2E%2E", "%2E%2E/%2E%2E", "..%2F..", "./."}) {
            String name = escape + "/" + repository;
            Map<String, RawHttp.Response> attempts = new LinkedHashMap<>();
            attempts.put("push to " + name, registry.raw("POST", "/v2/" + name + "/blobs/uploads/?digest="
                    + blob.digest()).header("Content-Type", TestBlob.OCTET_STREAM).body(blob.bytes()).send());
            attempts.put("manifest to " + name, registry.raw("PUT", "/v2/" + name + "/manifests/latest")
                    .header("Content-Type", ManifestBuilder.OCI_MANIFEST).body(registry.ociImage(repository).bytes())
                    .send());
            attempts.put("digest " + escape, registry.raw("POST", "/v2/" + repository
                    + "/blobs/uploads/?digest=sha256:" + escape + "/escaped").body(blob.bytes()).send());
            attempts.put("blob " + escape, registry.raw("GET", "/v2/" + repository + "/blobs/sha256:" + escape
                    + "/escaped").send());
            attempts.put("upload " + escape, registry.raw("PATCH", "/v2/" + repository + "/blobs/uploads/" + escape
                    + "/escaped").body(blob.bytes()).send());
            attempts.put("finish " + escape, registry.raw("PUT", "/v2/" + repository + "/blobs/uploads/" + escape
                    + "?digest=" + blob.digest()).body(blob.bytes()).send());
            attempts.forEach((attempt, response) -> {
                if (response.status() < 400) {
                    accepted.add(attempt + " -> " + response.status());
                }
            });
            // a mount from an invalid name is no mount, only the start of an ordinary upload
            RawHttp.Response mount = registry.raw("POST", "/v2/" + repository + "/blobs/uploads/?mount="
                    + blob.digest() + "&from=" + name).body(new byte[0]).send();
            assertThat(mount.status()).as("mount from " + name).isIn(202, 400);
        }
        String location = registry.startUpload(repository);
        registry.patchChunk(location, blob.bytes(), 0);
        RawHttp.Response finish = registry.raw("PUT",
                RegistryClient.withQuery(location, "digest=sha256:..%2F..%2F..%2Fescaped")).body(new byte[0]).send();

        assertThat(accepted).isEmpty();
        OciErrors.assertError(finish, 400, "DIGEST_INVALID");
        try (Stream<Path> sandbox = Files.list(sandbox())) {
            assertThat(sandbox.map(path -> path.getFileName().toString())).containsExactly("data");
        }
        try (Stream<Path> data = Files.list(dataDirectory())) {
            assertThat(data.map(path -> path.getFileName().toString())).containsExactly("registry");
        }
        // On S3 the data folder holds only the database: the storage check covers the bucket.
        assertThat(storedFiles().keySet()).isNotEmpty().allSatisfy(path -> assertThat(path).matches(
                "blobs/sha256/[0-9a-f]{2}/[0-9a-f]{64}/data|blobs/sha512/[0-9a-f]{2}/[0-9a-f]{128}/data"
                        + "|uploads/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/data"));
        try (Stream<Path> names = Files.walk(dataDirectory())) {
            assertThat(names.map(Path::toString)).noneMatch(path -> path.contains("escaped"));
        }
    }

    /** Blob (monolithic and chunked), manifest by tag and digest, tags, catalog, referrers, deletes. */
    private void assertWholeLifecycle(String repository) {
        TestBlob whole = registry.pushBlob(repository, TestBlob.random(100));
        TestBlob chunked = TestBlob.random(3000);
        registry.uploadInChunks(repository, chunked, 1000);
        ManifestDocument image = registry.pushImage(repository, "v1");
        registry.pushBlob(repository, TestBlob.EMPTY_JSON);
        ManifestDocument artifact = registry.pushByDigest(repository, ManifestBuilder.ociArtifact(
                "application/vnd.example.x", TestBlob.EMPTY_JSON.descriptor(TestBlob.OCI_EMPTY))
                .subject(image.descriptor()).build());

        assertThat(registry.getBlob(repository, whole.digest()).asByteArray()).as(repository).isEqualTo(whole.bytes());
        assertThat(registry.getBlob(repository, chunked.digest()).asByteArray()).as(repository)
                .isEqualTo(chunked.bytes());
        assertThat(registry.getManifest(repository, "v1").asByteArray()).as(repository).isEqualTo(image.bytes());
        Response tags = registry.given().get("/v2/" + repository + "/tags/list");
        assertThat(tags.jsonPath().getString("name")).isEqualTo(repository);
        assertThat(tags.jsonPath().getList("tags")).as(repository).containsExactly("v1");
        assertThat(registry.given().get("/v2/_catalog").jsonPath().getList("repositories")).contains(repository);
        assertThat(registry.given().get("/v2/" + repository + "/referrers/" + image.digest()).jsonPath()
                .getList("manifests.digest")).as(repository).containsExactly(artifact.digest());
        assertThat(registry.given().delete("/v2/" + repository + "/manifests/v1").statusCode()).isEqualTo(202);
        assertThat(registry.given().delete("/v2/" + repository + "/blobs/" + whole.digest()).statusCode())
                .isEqualTo(202);
        assertThat(registry.getBlob(repository, whole.digest()).statusCode()).isEqualTo(404);
    }
}
