package io.wharf.registry.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.HeaderConfig;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;

/**
 * The distribution API as tests speak it: RestAssured requests against one registry, plus the few-line steps
 * (push a blob, start an upload, push an image) that most tests need before they get to their point.
 */
public final class RegistryClient {

    /** Every manifest media type the registry stores, as a client that takes anything would ask. */
    public static final String ACCEPT_ALL_MANIFESTS = String.join(", ", ManifestBuilder.OCI_MANIFEST,
            ManifestBuilder.OCI_INDEX, ManifestBuilder.DOCKER_MANIFEST, ManifestBuilder.DOCKER_MANIFEST_LIST);

    /**
     * Bytes go out exactly as given (no charset appended to Content-Type), paths are sent as written (tests write
     * digests and escapes themselves), redirects are answers to look at, and repeated Accept headers stay repeated.
     */
    private static final RestAssuredConfig CONFIG = RestAssuredConfig.config()
            .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false))
            .redirect(RedirectConfig.redirectConfig().followRedirects(false))
            .headerConfig(HeaderConfig.headerConfig().mergeHeadersWithName("Accept"));

    private final int port;

    public RegistryClient(int port) {
        this.port = port;
    }

    public int port() {
        return port;
    }

    public RequestSpecification given() {
        return RestAssured.given().config(CONFIG).baseUri("http://127.0.0.1").port(port).urlEncodingEnabled(false);
    }

    /** A request sent verbatim over a socket (see {@link RawHttp}). */
    public RawHttp raw(String method, String target) {
        return RawHttp.request(port, method, target);
    }

    // ---- blobs and uploads

    /** Pushes a blob with one {@code POST ?digest=} and checks it was created. */
    public TestBlob pushBlob(String repository, TestBlob blob) {
        Response response = given().contentType(TestBlob.OCTET_STREAM).body(blob.bytes())
                .post("/v2/" + repository + "/blobs/uploads/?digest=" + blob.digest());
        assertThat(response.statusCode()).as(OciErrors.describe(response)).isEqualTo(201);
        return blob;
    }

    /** Starts an upload session and returns its location (a path). */
    public String startUpload(String repository) {
        Response response = given().body(new byte[0]).post("/v2/" + repository + "/blobs/uploads/");
        assertThat(response.statusCode()).as(OciErrors.describe(response)).isEqualTo(202);
        return path(response.header("Location"));
    }

    /** {@code PATCH} of one chunk with the spec's {@code Content-Range: <start>-<end>}. */
    public Response patchChunk(String location, byte[] chunk, long start) {
        return given().contentType(TestBlob.OCTET_STREAM)
                .header("Content-Range", start + "-" + (start + chunk.length - 1))
                .body(chunk).patch(location);
    }

    /** The closing {@code PUT ?digest=}, without a body. */
    public Response finishUpload(String location, String digest) {
        return given().put(withQuery(location, "digest=" + digest));
    }

    /** Uploads a blob in chunks of {@code chunkSize} through a fresh session and closes it; returns its path. */
    public String uploadInChunks(String repository, TestBlob blob, int chunkSize) {
        String location = startUpload(repository);
        for (int start = 0; start < blob.size(); start += chunkSize) {
            Response patched = patchChunk(location, blob.slice(start, Math.min(blob.size(), start + chunkSize)), start);
            assertThat(patched.statusCode()).as(OciErrors.describe(patched)).isEqualTo(202);
            location = path(patched.header("Location"));
        }
        Response finished = finishUpload(location, blob.digest());
        assertThat(finished.statusCode()).as(OciErrors.describe(finished)).isEqualTo(201);
        return location;
    }

    public Response getBlob(String repository, String digest) {
        return given().get("/v2/" + repository + "/blobs/" + digest);
    }

    // ---- manifests

    public Response putManifest(String repository, String reference, ManifestDocument manifest) {
        return given().contentType(manifest.mediaType()).body(manifest.bytes())
                .put("/v2/" + repository + "/manifests/" + reference);
    }

    /** Pushes a manifest and checks it was created under its digest. */
    public ManifestDocument pushManifest(String repository, String reference, ManifestDocument manifest) {
        Response response = putManifest(repository, reference, manifest);
        assertThat(response.statusCode()).as(OciErrors.describe(response)).isEqualTo(201);
        assertThat(response.header("Docker-Content-Digest")).isEqualTo(manifest.digest());
        return manifest;
    }

    /** Pushes a manifest under its own digest, as clients push the children of an index. */
    public ManifestDocument pushByDigest(String repository, ManifestDocument manifest) {
        return pushManifest(repository, manifest.digest(), manifest);
    }

    public Response getManifest(String repository, String reference) {
        return given().accept(ACCEPT_ALL_MANIFESTS).get("/v2/" + repository + "/manifests/" + reference);
    }

    /** Pushes a fresh config and layer and returns an OCI image manifest over them (not pushed yet). */
    public ManifestDocument ociImage(String repository) {
        return imageBuilder(repository, false).build();
    }

    /** Pushes a fresh config and layer and returns a Docker schema 2 manifest over them (not pushed yet). */
    public ManifestDocument dockerImage(String repository) {
        return imageBuilder(repository, true).build();
    }

    /** Pushes a fresh config and layer and returns a builder for an image manifest over them. */
    private ManifestBuilder imageBuilder(String repository, boolean docker) {
        TestBlob config = pushBlob(repository, TestBlob.randomConfig());
        TestBlob layer = pushBlob(repository, TestBlob.random(2048));
        return docker
                ? ManifestBuilder.dockerImage(config.descriptor(TestBlob.DOCKER_CONFIG),
                        layer.descriptor(TestBlob.DOCKER_LAYER))
                : ManifestBuilder.ociImage(config.descriptor(TestBlob.OCI_CONFIG),
                        layer.descriptor(TestBlob.OCI_LAYER));
    }

    /** Pushes a whole OCI image (blobs and manifest) under {@code tag}. */
    public ManifestDocument pushImage(String repository, String tag) {
        return pushManifest(repository, tag, ociImage(repository));
    }

    // ---- URLs

    /** The path of a Location header, which the spec allows to be absolute or relative. */
    public static String path(String location) {
        assertThat(location).as("Location header").isNotBlank();
        if (location.startsWith("http://") || location.startsWith("https://")) {
            URI uri = URI.create(location);
            return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        }
        return location;
    }

    /** Appends a query parameter to a location that may already carry query parameters of its own. */
    public static String withQuery(String location, String parameter) {
        return location + (location.contains("?") ? "&" : "?") + parameter;
    }
}
