package io.wharf.registry.gc;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.registry.api.support.LifecycleApiTest;
import io.wharf.registry.api.support.ManifestBuilder;
import io.wharf.registry.api.support.ManifestDocument;
import io.wharf.registry.api.support.OciErrors;
import io.wharf.registry.api.support.TestBlob;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code wharf.registry.gc.untagged-manifests-after} (here 2 s): manifests no tag names are removed, unless an index
 * lists them or they refer to a manifest still there.
 */
class UntaggedManifestPolicyTest extends LifecycleApiTest {

    @Autowired
    JdbcTemplate database;

    @Test
    void untaggedManifestsGoButChildrenOfIndexesAndReferrersOfLiveManifestsStay() {
        String repository = newRepository("untagged");
        ManifestDocument untagged = registry.pushImage(repository, "old");
        ManifestDocument child = registry.pushByDigest(repository, registry.ociImage(repository));
        registry.pushManifest(repository, "multi", ManifestBuilder.ociIndex(child.descriptor()).build());
        ManifestDocument tagged = registry.pushImage(repository, "v1");
        registry.pushBlob(repository, TestBlob.EMPTY_JSON);
        ManifestDocument referrer = registry.pushByDigest(repository,
                ManifestBuilder.ociArtifact("application/vnd.example.sbom", TestBlob.EMPTY_JSON.descriptor(
                        TestBlob.OCI_EMPTY)).subject(tagged.descriptor()).build());
        assertThat(registry.given().delete("/v2/" + repository + "/manifests/old").statusCode()).isEqualTo(202);
        outwaitGracePeriod();

        assertThat(collectGarbage(true).getLong("manifestsRemoved")).isGreaterThanOrEqualTo(1);
        assertThat(registry.getManifest(repository, untagged.digest()).statusCode()).isEqualTo(200);
        assertThat(collectGarbage(false).getLong("manifestsRemoved")).isGreaterThanOrEqualTo(1);

        OciErrors.assertError(registry.getManifest(repository, untagged.digest()), 404, "MANIFEST_UNKNOWN");
        assertThat(registry.getManifest(repository, child.digest()).statusCode()).isEqualTo(200);
        assertThat(registry.getManifest(repository, referrer.digest()).statusCode()).isEqualTo(200);
        assertThat(registry.getManifest(repository, "v1").statusCode()).isEqualTo(200);
        assertThat(database.queryForObject("select count(*) from event_outbox where repository = ? and payload like ?",
                Long.class, repository, "%\"action\":\"delete\"%" + untagged.digest() + "%")).isEqualTo(1);
    }

    @Test
    void pushingAnUntaggedManifestAgainRestartsItsAge() {
        String repository = newRepository("repushed");
        ManifestDocument manifest = registry.pushByDigest(repository, registry.ociImage(repository));
        outwaitGracePeriod();

        registry.pushByDigest(repository, manifest);
        collectGarbage(false);

        assertThat(registry.getManifest(repository, manifest.digest()).statusCode()).isEqualTo(200);
    }
}
