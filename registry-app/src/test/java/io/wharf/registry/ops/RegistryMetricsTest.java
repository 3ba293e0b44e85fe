package io.wharf.registry.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.wharf.registry.api.support.ManifestBuilder;
import io.wharf.registry.api.support.ManifestDocument;
import io.wharf.registry.api.support.RegistryApiTest;
import io.wharf.registry.api.support.TestBlob;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /actuator/prometheus} shows the registry's own metrics after a push and a pull: requests by a bounded route
 * tag, bytes pushed and pulled, upload completions, the event outbox backlog. The context is shared with the other
 * protocol tests, so every check compares before and after.
 */
class RegistryMetricsTest extends RegistryApiTest {

    private static final String REQUESTS = "wharf_registry_requests_seconds_count";
    private static final Map<String, String> LAYER_GETS = Map.of("route", "blob", "method", "GET", "status", "200");
    private static final Map<String, String> MANIFEST_PUTS = Map.of("route", "manifest", "method", "PUT",
            "status", "201");

    @Test
    void pushAndPullShowUpInTheRegistrysOwnMetrics() {
        PrometheusText before = scrape();
        String repository = newRepository("metrics");
        TestBlob layer = TestBlob.random(300_000);
        registry.uploadInChunks(repository, layer, 100_000);
        TestBlob config = registry.pushBlob(repository, TestBlob.randomConfig());
        ManifestDocument manifest = registry.pushManifest(repository, "v1", ManifestBuilder
                .ociImage(config.descriptor(TestBlob.OCI_CONFIG), layer.descriptor(TestBlob.OCI_LAYER)).build());
        registry.getBlob(repository, layer.digest()).then().statusCode(200);
        registry.given().get("/v2/" + repository + "/blobs/sha256:" + "0".repeat(64)).then().statusCode(404);
        // A mount links a blob without uploading it: no upload completion, no bytes pushed.
        registry.given().post("/v2/" + newRepository("metrics-mount") + "/blobs/uploads/?mount=" + config.digest()
                + "&from=" + repository).then().statusCode(201);

        PrometheusText after = scrape();

        assertThat(after.sum(REQUESTS, LAYER_GETS) - before.sum(REQUESTS, LAYER_GETS)).isEqualTo(1);
        assertThat(after.sum(REQUESTS, MANIFEST_PUTS) - before.sum(REQUESTS, MANIFEST_PUTS)).isEqualTo(1);
        assertThat(after.sum(REQUESTS, Map.of("route", "upload", "method", "PATCH", "status", "202"))
                - before.sum(REQUESTS, Map.of("route", "upload", "method", "PATCH", "status", "202"))).isEqualTo(3);
        assertThat(after.sum(REQUESTS, Map.of("route", "blob", "status", "404"))
                - before.sum(REQUESTS, Map.of("route", "blob", "status", "404"))).isEqualTo(1);
        // One time series per route, never per repository or digest.
        assertThat(after.labelValues(REQUESTS, "route")).isSubsetOf("base", "catalog", "tags", "manifest", "uploads",
                "upload", "blob", "referrers", "unmatched", "v1", "admin", "other");
        // Spring's own per-request series stays off: the routes above count the same requests.
        assertThat(after.has("http_server_requests_seconds_count")).isFalse();

        long pushed = layer.size() + config.size() + manifest.bytes().length;
        assertThat(after.sum("wharf_registry_pushed_bytes_total") - before.sum("wharf_registry_pushed_bytes_total"))
                .isEqualTo(pushed);
        assertThat(after.sum("wharf_registry_pulled_bytes_total") - before.sum("wharf_registry_pulled_bytes_total"))
                .isEqualTo(layer.size());
        // The chunked layer's final PUT and the config's monolithic POST.
        assertThat(after.sum("wharf_registry_upload_completions_seconds_count")
                - before.sum("wharf_registry_upload_completions_seconds_count")).isEqualTo(2);
        assertThat(after.sum("wharf_registry_upload_completions_seconds_sum")).isPositive();
        // No endpoint here has a secret, so the push event stays in the outbox.
        assertThat(after.sum("wharf_registry_events_pending"))
                .isGreaterThanOrEqualTo(before.sum("wharf_registry_events_pending") + 1);
    }

    private PrometheusText scrape() {
        return PrometheusText.parse(RestAssured.given().baseUri("http://127.0.0.1").port(managementPort())
                .get("/actuator/prometheus").then().statusCode(200).extract().asString());
    }
}
