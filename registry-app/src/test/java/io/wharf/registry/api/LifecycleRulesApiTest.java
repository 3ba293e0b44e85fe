package io.wharf.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.wharf.registry.api.support.LifecycleApiTest;
import io.wharf.registry.api.support.OciErrors;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /admin/lifecycle}: the retention, immutable-tag and quota rules configured in {@link LifecycleApiTest}. */
class LifecycleRulesApiTest extends LifecycleApiTest {

    @Test
    void theConfiguredRulesAreListed() {
        Response response = registry.given().get("/admin/lifecycle");
        assertThat(response.statusCode()).as(OciErrors.describe(response)).isEqualTo(200);
        JsonPath rules = response.jsonPath();

        assertThat(rules.getList("retention")).hasSize(1);
        assertThat(rules.getString("retention[0].repositoryPattern")).isEqualTo("kept-*/*");
        assertThat(rules.getInt("retention[0].keepLast")).isEqualTo(2);
        assertThat(rules.getString("retention[0].keepTags")).isEqualTo("release-*");
        assertThat(rules.getString("retention[0].removeOlderThanSeconds")).isNull();
        assertThat(rules.getList("immutableTags")).hasSize(1);
        assertThat(rules.getString("immutableTags[0].repositoryPattern")).isEqualTo("locked-*/*");
        assertThat(rules.getString("immutableTags[0].tagPattern")).isEqualTo("v*");
        assertThat(rules.getMap("quotaBytes", String.class, Long.class))
                .isEqualTo(Map.of("capped", 64L * 1024, "crowded", 96L * 1024));
        assertThat(rules.getString("defaultQuotaBytes")).isNull();
    }
}
