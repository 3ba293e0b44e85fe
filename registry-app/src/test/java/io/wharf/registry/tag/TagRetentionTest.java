package io.wharf.registry.tag;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.registry.api.support.LifecycleApiTest;
import io.wharf.registry.api.support.ManifestDocument;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code wharf.registry.retention}: here the last 2 tags and every {@code release-*}
 * in repositories of the namespaces {@code kept-*}.
 */
class TagRetentionTest extends LifecycleApiTest {

    @Autowired
    JdbcTemplate database;

    @Test
    void collectionRemovesTheTagsNoRuleKeepsAfterADryRunThatRemovesNothing() {
        String repository = newRepository("kept");
        ManifestDocument shared = registry.pushImage(repository, "a");
        for (String tag : List.of("b", "release-1", "c")) {
            registry.pushImage(repository, tag);
        }
        registry.pushManifest(repository, "d", shared);

        assertThat(collectGarbage(true).getLong("tagsRemoved")).isGreaterThanOrEqualTo(2);
        assertThat(tags(repository)).containsExactly("a", "b", "c", "d", "release-1");

        assertThat(collectGarbage(false).getLong("tagsRemoved")).isGreaterThanOrEqualTo(2);
        assertThat(tags(repository)).containsExactly("c", "d", "release-1");
        assertThat(registry.getManifest(repository, "d").asByteArray()).isEqualTo(shared.bytes());
        assertThat(database.queryForObject("select count(*) from event_outbox where repository = ? and payload like ?",
                Long.class, repository, "%\"action\":\"delete\"%")).isEqualTo(2);
    }

    @Test
    void repositoriesWithoutARuleKeepAllTheirTags() {
        String repository = newRepository("unruled");
        for (String tag : List.of("a", "b", "c")) {
            registry.pushImage(repository, tag);
        }

        collectGarbage(false);

        assertThat(tags(repository)).containsExactly("a", "b", "c");
    }

    private List<String> tags(String repository) {
        return registry.given().get("/v2/" + repository + "/tags/list").jsonPath().getList("tags");
    }
}
