package io.wharf.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import io.wharf.registry.clients.OciLayouts;
import io.wharf.registry.clients.Skopeo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8's web UI against the real registry: an administrator's garbage collection page (a dry run counts the
 * space a deleted repository left, "Collect now" removes it from disk once "I understand" is checked, and nothing
 * without it), a namespace's usage and quota on its page,
 * and the registry's audit log page, all through the index's HTML pages with a signed-in session.
 */
class RegistryAdministrationPagesTest {

    private static final String OWNER = WharfServers.QUOTA_NAMESPACE;
    private static final String OWNER_PASSWORD = IndexApi.STRONG_PASSWORD;
    private static final Duration EVENT_DEADLINE = Duration.ofSeconds(60);
    private static final Duration COLLECTABLE_DEADLINE = WharfServers.GC_GRACE_PERIOD.plusSeconds(30);
    private static final Pattern REPORTED_BYTES = Pattern.compile("id=\"gc-bytes\"[^>]*data-bytes=\"(\\d+)\"");
    private static final Pattern USED_BYTES = Pattern.compile("data-used-bytes=\"(\\d+)\"");
    private static final Pattern AUDIT_ID = Pattern.compile("id=\"audit-(\\d+)\"");

    private static WharfServers servers;
    private static Skopeo skopeo;

    @BeforeAll
    static void setUp() {
        servers = WharfServers.shared();
        new IndexApi(servers).createUser(OWNER, OWNER_PASSWORD);
        skopeo = Skopeo.withCredentials(OWNER, OWNER_PASSWORD);
    }

    @Test
    void administratorsCollectWhatADeletedRepositoryLeftAndReadTheAuditLogOwnersSeeTheirUsage(@TempDir Path layouts) {
        Path doomed = layouts.resolve("doomed");
        OciLayouts.writeImage(doomed, "1", 2);
        Path kept = layouts.resolve("kept");
        OciLayouts.writeImage(kept, "1", 1);
        skopeo.copy("oci:" + doomed + ":1", "docker://" + servers.registryHost() + "/" + OWNER + "/doomed:1");
        skopeo.copy("oci:" + kept + ":1", "docker://" + servers.registryHost() + "/" + OWNER + "/kept:1");
        IndexApi index = new IndexApi(servers);
        await().atMost(EVENT_DEADLINE).until(() -> index.tags(OWNER + "/doomed").containsKey("1")
                && index.tags(OWNER + "/kept").containsKey("1"));

        // The owner sees the namespace's usage, as the registry counts it, against its quota; visitors do not.
        WebSession owner = WebSession.signedIn(servers, OWNER, OWNER_PASSWORD);
        long usedBefore = registryUsage();
        String namespacePage = owner.page("/u/" + OWNER);
        assertThat(usedBytes(namespacePage)).isEqualTo(usedBefore).isPositive();
        assertThat(namespacePage).contains("data-quota-bytes=\"" + WharfServers.QUOTA_BYTES + "\"", "<meter",
                "<strong>50.0 MB</strong> used");
        assertThat(WebSession.anonymous(servers).page("/u/" + OWNER)).doesNotContain("id=\"namespace-usage\"");
        assertThat(owner.get("/admin/gc").statusCode()).isEqualTo(403);
        assertThat(owner.get("/admin/audit").statusCode()).isEqualTo(403);

        given().baseUri(servers.indexUrl()).auth().preemptive().basic(OWNER, OWNER_PASSWORD)
                .delete("/api/repositories/" + OWNER + "/doomed").then().statusCode(204);
        long usedAfterDelete = registryUsage();
        assertThat(usedAfterDelete).isLessThan(usedBefore);
        assertThat(usedBytes(owner.page("/u/" + OWNER))).isEqualTo(usedAfterDelete);

        // The doomed image's config and layers are still on disk until a collection removes them.
        String manifest = OciLayouts.taggedDescriptor(doomed, "1").digest();
        List<String> unshared = OciLayouts.blobDigests(doomed).stream().filter(digest -> !digest.equals(manifest)).toList();
        long unsharedBytes = unshared.stream().mapToLong(digest -> size(OciLayouts.blobPath(doomed, digest))).sum();
        assertThat(unshared).hasSize(3).allSatisfy(digest -> assertThat(stored(digest)).exists());

        WebSession admin = WebSession.signedIn(servers, WharfServers.ADMIN_USER, WharfServers.ADMIN_PASSWORD);
        assertThat(admin.page("/admin/gc")).contains("id=\"gc-dry-run\"", "id=\"gc-collect\"");
        // Reclaimable once the grace period since the push has passed.
        long[] dryRunBytes = new long[1];
        await().atMost(COLLECTABLE_DEADLINE).pollInterval(Duration.ofMillis(500)).until(() -> {
            String report = gc(admin, true);
            assertThat(report).contains("Dry run: a collection now would remove");
            dryRunBytes[0] = reportedBytes(report);
            return dryRunBytes[0] >= unsharedBytes;
        });
        assertThat(unshared).allSatisfy(digest -> assertThat(stored(digest)).exists());

        HttpResponse<String> unconfirmed = admin.submit("/admin/gc", "/admin/gc", Map.of("dryRun", "false"));
        assertThat(unconfirmed.body()).contains("Nothing was collected", "id=\"gc-confirm\"")
                .doesNotContain("id=\"gc-report\"");
        assertThat(unshared).allSatisfy(digest -> assertThat(stored(digest)).exists());
        String collection = gc(admin, false);
        assertThat(collection).contains("The collection removed", "<dd id=\"gc-orphaned-uploads\">0</dd>");
        assertThat(reportedBytes(collection)).isGreaterThanOrEqualTo(dryRunBytes[0]);
        assertThat(unshared).allSatisfy(digest -> assertThat(stored(digest)).doesNotExist());
        assertThat(reportedBytes(gc(admin, true))).isZero();
        // The other image, and its layer, are untouched.
        skopeo.copy("docker://" + servers.registryHost() + "/" + OWNER + "/kept:1", "oci:" + layouts.resolve("pulled") + ":1");
        assertThat(OciLayouts.taggedDescriptor(layouts.resolve("pulled"), "1").digest())
                .isEqualTo(OciLayouts.taggedDescriptor(kept, "1").digest());
        assertThat(usedBytes(owner.page("/u/" + OWNER))).isEqualTo(usedAfterDelete);

        // The audit log names who pushed and deleted, and the collection, newest first, a page before an entry.
        String doomedLog = admin.page("/admin/audit?repository=" + OWNER + "/doomed");
        assertThat(doomedLog).contains("<td>" + OWNER + "</td>", "<td>push</td>", "<td>delete</td>", "<td>1</td>")
                .doesNotContain(OWNER + "/kept");
        assertThat(doomedLog.indexOf("<td>delete</td>")).isLessThan(doomedLog.indexOf("<td>push</td>"));
        String everything = admin.page("/admin/audit");
        assertThat(everything).contains("<td>" + WharfServers.ADMIN_USER + "</td>", "<td>gc</td>", OWNER + "/kept");
        long newest = auditIds(everything).get(0);
        String older = admin.page("/admin/audit?before=" + newest);
        assertThat(auditIds(older)).isNotEmpty().allSatisfy(id -> assertThat(id).isLessThan(newest));
    }

    /** Presses "Dry run", or checks "I understand" and presses "Collect now"; the page with the report. */
    private static String gc(WebSession admin, boolean dryRun) {
        HttpResponse<String> answer = admin.submit("/admin/gc", "/admin/gc",
                dryRun ? Map.of("dryRun", "true") : Map.of("dryRun", "false", "confirm", "true"));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("id=\"gc-report\"").doesNotContain("role=\"alert\"");
        return answer.body();
    }

    private static long reportedBytes(String page) {
        Matcher bytes = REPORTED_BYTES.matcher(page);
        assertThat(bytes.find()).as("the report's bytes in " + page).isTrue();
        return Long.parseLong(bytes.group(1));
    }

    private static long usedBytes(String page) {
        Matcher bytes = USED_BYTES.matcher(page);
        assertThat(bytes.find()).as("the namespace's usage in " + page).isTrue();
        return Long.parseLong(bytes.group(1));
    }

    private static List<Long> auditIds(String page) {
        return AUDIT_ID.matcher(page).results().map(found -> Long.parseLong(found.group(1))).toList();
    }

    /** The namespace's usage as the registry's admin API reports it. */
    private static long registryUsage() {
        String token = given().baseUri(servers.indexUrl()).auth().preemptive()
                .basic(WharfServers.ADMIN_USER, WharfServers.ADMIN_PASSWORD)
                .queryParam("service", "wharf-registry").queryParam("scope", "registry:catalog:*")
                .get("/v2/token").then().statusCode(200).extract().path("token");
        JsonPath usage = given().baseUri("http://" + servers.registryHost()).header("Authorization", "Bearer " + token)
                .get("/admin/namespaces/" + OWNER + "/usage").then().statusCode(200).extract().jsonPath();
        assertThat(usage.getLong("quotaBytes")).isEqualTo(WharfServers.QUOTA_BYTES);
        return usage.getLong("usedBytes");
    }

    /** Where the registry's filesystem driver keeps a blob's content. */
    private static Path stored(String digest) {
        String hex = digest.substring("sha256:".length());
        return servers.dataDir().resolve("registry/storage/blobs/sha256").resolve(hex.substring(0, 2)).resolve(hex).resolve("data");
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
