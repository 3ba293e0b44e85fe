package io.wharf.registry.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.wharf.registry.api.support.LifecycleApiTest;
import io.wharf.registry.api.support.ManifestDocument;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /admin/audit}: pushes, deletes and garbage collections, newest first. */
class AuditLogTest extends LifecycleApiTest {

    @Test
    void pushesDeletesAndCollectionsAreRecordedNewestFirst() {
        String repository = newRepository("audited");
        ManifestDocument manifest = registry.pushImage(repository, "v1");
        registry.given().delete("/v2/" + repository + "/manifests/v1").then().statusCode(202);
        collectGarbage(false);

        JsonPath entries = registry.given().get("/admin/audit?repository=" + repository).jsonPath();
        assertThat(entries.getList("entries.action")).containsExactly("delete", "push");
        assertThat(entries.getList("entries.tag")).containsExactly("v1", "v1");
        assertThat(entries.getString("entries[1].digest")).isEqualTo(manifest.digest());

        JsonPath latest = registry.given().get("/admin/audit?n=1").jsonPath();
        assertThat(latest.getString("entries[0].action")).isEqualTo("gc");
        assertThat(latest.getString("entries[0].detail")).contains("blobsRemoved");
        List<Long> ids = registry.given().get("/admin/audit?repository=" + repository).jsonPath()
                .getList("entries.id", Long.class);
        assertThat(registry.given().get("/admin/audit?repository=" + repository + "&before=" + ids.get(0))
                .jsonPath().getList("entries.action")).containsExactly("push");
    }
}
