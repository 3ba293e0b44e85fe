package io.wharf.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.wharf.registry.clients.ExternalTool;
import io.wharf.registry.clients.OciLayouts;
import io.wharf.registry.clients.Skopeo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jars, authentication on: after skopeo pushes and pulls an image, {@code /actuator/prometheus} on the
 * registry's management port shows the bytes, uploads and requests by bounded route, and the index's shows the tokens
 * it issued and the credentials it refused; the probes answer without a token on the public ports, which serve no
 * metrics.
 */
class OperationsMetricsTest {

    private static final String USER = "metricsuser";
    private static final String PASSWORD = IndexApi.STRONG_PASSWORD;
    private static final Set<String> ROUTES = Set.of("base", "catalog", "tags", "manifest", "uploads", "upload", "blob",
            "referrers", "unmatched", "v1", "admin", "other");

    @TempDir
    Path layouts;

    @Test
    void pushAndPullShowUpInBothServicesMetrics() throws IOException {
        WharfServers servers = WharfServers.shared();
        new IndexApi(servers).createUser(USER, PASSWORD);
        String registry = servers.registryManagementUrl();
        String index = servers.indexManagementUrl();
        for (String base : new String[] {"http://" + servers.registryHost(), servers.indexUrl()}) {
            given().get(base + "/readyz").then().statusCode(200).body("status", equalTo("UP"));
            given().get(base + "/livez").then().statusCode(200).body("status", equalTo("UP"));
            given().get(base + "/actuator/prometheus").then().statusCode(404);
        }
        for (String base : new String[] {registry, index}) {
            given().get(base + "/actuator/health/readiness").then().statusCode(200).body("status", equalTo("UP"));
        }
        String registryBefore = scrape(registry);
        String indexBefore = scrape(index);

        Path source = layouts.resolve("source");
        OciLayouts.writeImage(source, "1", 3);
        String reference = "docker://" + servers.registryHost() + "/" + USER + "/metrics:1";
        Skopeo.withCredentials(USER, PASSWORD).copy("oci:" + source + ":1", reference);
        Skopeo.withCredentials(USER, PASSWORD).copy(reference, "oci:" + layouts.resolve("copy") + ":1");
        ExternalTool.Result refused = Skopeo.withCredentials(USER, "wrong-password")
                .attemptCopy("oci:" + source + ":1", reference);
        assertThat(refused.succeeded()).isFalse();

        String registryAfter = scrape(registry);
        String indexAfter = scrape(index);
        long imageBytes = blobBytes(source);
        assertThat(delta(registryBefore, registryAfter, "wharf_registry_pushed_bytes_total", ""))
                .isGreaterThanOrEqualTo(imageBytes);
        assertThat(delta(registryBefore, registryAfter, "wharf_registry_pulled_bytes_total", ""))
                .isGreaterThanOrEqualTo(imageBytes);
        assertThat(delta(registryBefore, registryAfter, "wharf_registry_upload_completions_seconds_count", ""))
                .isGreaterThanOrEqualTo(4); // config and three layers
        assertThat(delta(registryBefore, registryAfter, "wharf_registry_requests_seconds_count",
                "method=\"PUT\",route=\"manifest\",status=\"201\"")).isGreaterThanOrEqualTo(1);
        assertThat(routes(registryAfter)).isSubsetOf(ROUTES);
        assertThat(delta(indexBefore, indexAfter, "wharf_index_tokens_issued_total", "grant=\"basic\""))
                .isGreaterThanOrEqualTo(2);
        assertThat(delta(indexBefore, indexAfter, "wharf_index_auth_failures_total", "endpoint=\"token\""))
                .isGreaterThanOrEqualTo(1);
    }

    private static String scrape(String base) {
        return given().get(base + "/actuator/prometheus").then().statusCode(200).extract().asString();
    }

    /** How much the samples of {@code name} whose labels contain {@code labels} grew between two scrapes. */
    private static double delta(String before, String after, String name, String labels) {
        return sum(after, name, labels) - sum(before, name, labels);
    }

    private static double sum(String scrape, String name, String labels) {
        Matcher sample = Pattern.compile("^" + name + "(?:\\{([^}]*)})? (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        double sum = 0;
        while (sample.find()) {
            if (labels.isEmpty() || (sample.group(1) != null && sample.group(1).contains(labels))) {
                sum += Double.parseDouble(sample.group(2));
            }
        }
        return sum;
    }

    private static Set<String> routes(String scrape) {
        Matcher route = Pattern.compile("^wharf_registry_requests_seconds_count\\{[^}]*route=\"([^\"]*)\"",
                Pattern.MULTILINE).matcher(scrape);
        Set<String> routes = new HashSet<>();
        while (route.find()) {
            routes.add(route.group(1));
        }
        return routes;
    }

    /** The size of every blob in an OCI layout: config, layers and manifest. */
    private static long blobBytes(Path layout) throws IOException {
        try (Stream<Path> blobs = Files.list(layout.resolve("blobs").resolve("sha256"))) {
            long total = 0;
            for (Path blob : blobs.toList()) {
                total += Files.size(blob);
            }
            return total;
        }
    }
}
