package io.wharf.registry.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Jib core, the library behind the Jib Maven and Gradle plugins, pushes an image built from scratch. */
class JibPushTest extends RegistryClientTestBase {

    private static final String ACCEPTED_MANIFESTS = String.join(",",
            "application/vnd.docker.distribution.manifest.v2+json", OciLayouts.IMAGE_MANIFEST);

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    @TempDir
    Path work;

    @Test
    void pushedImageIsServedWithItsLayers() throws Exception {
        Path application = Files.writeString(work.resolve("app.txt"), "hello from jib");
        Path data = Files.write(work.resolve("data.bin"), new byte[] {1, 2, 3, 4});

        JibContainer pushed = Jib.fromScratch()
                .addLayer(List.of(application), AbsoluteUnixPath.get("/app"))
                .addLayer(List.of(data), AbsoluteUnixPath.get("/data"))
                .containerize(Containerizer.to(RegistryImage.named(registry() + "/jib/app:1"))
                        .setAllowInsecureRegistries(true)
                        .setOfflineMode(false)
                        // Keep Jib's caches out of the user's home.
                        .setBaseImageLayersCache(work.resolve("base-cache"))
                        .setApplicationLayersCache(work.resolve("application-cache")));

        HttpResponse<byte[]> response = get("/v2/jib/app/manifests/1", ACCEPTED_MANIFESTS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Digests.sha256(response.body())).isEqualTo(pushed.getDigest().toString());

        JsonNode manifest = JsonMapper.builder().build().readTree(response.body());
        assertThat(manifest.path("config").path("digest").asString()).isEqualTo(pushed.getImageId().toString());
        assertThat(manifest.path("layers")).hasSize(2);
        for (JsonNode layer : manifest.path("layers")) {
            String digest = layer.path("digest").asString();
            HttpResponse<byte[]> blob = get("/v2/jib/app/blobs/" + digest, "*/*");
            assertThat(blob.statusCode()).isEqualTo(200);
            assertThat(Digests.sha256(blob.body())).isEqualTo(digest);
            assertThat((long) blob.body().length).isEqualTo(layer.path("size").asLong());
        }
    }

    private HttpResponse<byte[]> get(String path, String accept) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + registry() + path))
                .header("Accept", accept)
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }
}
