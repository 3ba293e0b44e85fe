package io.wharf.registry.quota;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.wharf.registry.api.support.LifecycleApiTest;
import io.wharf.registry.api.support.OciErrors;
import io.wharf.registry.api.support.TestBlob;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code wharf.registry.quotas}: here 64 KB for namespace {@code capped}. */
class NamespaceQuotaTest extends LifecycleApiTest {

    private static final String NAMESPACE = "capped";

    @Test
    void blobsCountOncePerNamespaceAndAPushBeyondTheQuotaIsDenied() {
        String first = NAMESPACE + "/" + newRepository("one");
        String second = NAMESPACE + "/" + newRepository("two");
        long before = usage().getLong("usedBytes");
        TestBlob layer = registry.pushBlob(first, TestBlob.random(40 * 1024));
        assertThat(registry.given().body(new byte[0])
                .post("/v2/" + second + "/blobs/uploads/?mount=" + layer.digest() + "&from=" + first).statusCode())
                .isEqualTo(201);
        registry.pushBlob(second, layer);

        JsonPath usage = usage();
        assertThat(usage.getLong("usedBytes")).isEqualTo(before + layer.size());
        assertThat(usage.getLong("quotaBytes")).isEqualTo(64 * 1024);

        TestBlob tooBig = TestBlob.random(30 * 1024);
        Response refused = registry.given().contentType(TestBlob.OCTET_STREAM).body(tooBig.bytes())
                .post("/v2/" + second + "/blobs/uploads/?digest=" + tooBig.digest());
        OciErrors.assertError(refused, 403, "DENIED");
        assertThat(refused.jsonPath().getString("errors[0].message")).contains("quota of 64.0 KB", "exceeded by");
        OciErrors.assertError(registry.getBlob(second, tooBig.digest()), 404, "BLOB_UNKNOWN");

        // other namespaces have no quota
        String elsewhere = newRepository("free");
        registry.pushBlob(elsewhere, tooBig);
        Response mount = registry.given().body(new byte[0])
                .post("/v2/" + second + "/blobs/uploads/?mount=" + tooBig.digest() + "&from=" + elsewhere);
        OciErrors.assertError(mount, 403, "DENIED");
        assertThat(usage().getLong("usedBytes")).isEqualTo(before + layer.size());
    }

    /** 8 clients, 24 blobs of 16 KB, room for 6: exactly 6 are kept, the others refused. */
    @Test
    void concurrentPushesIntoOneNamespaceNeverExceedItsQuota() throws Exception {
        new QuotaRush(List.of(registry), "crowded", 96 * 1024, 16 * 1024).runAndCheck(newRepository("rush"), 8, 3);
    }

    private JsonPath usage() {
        Response response = registry.given().get("/admin/namespaces/" + NAMESPACE + "/usage");
        assertThat(response.statusCode()).as(OciErrors.describe(response)).isEqualTo(200);
        return response.jsonPath();
    }
}
