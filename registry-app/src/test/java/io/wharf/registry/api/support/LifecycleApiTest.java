package io.wharf.registry.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.test.context.TestPropertySource;

/**
 * The registry with lifecycle policies for tests: a grace period of seconds and no scheduled collection (tests
 * collect garbage when they choose, through the admin API), uploads expiring and untagged manifests removed after
 * seconds, immutable {@code v*} tags in the namespaces {@code locked-*}, a 64 KB quota on namespace {@code capped} and
 * 96 KB on {@code crowded}, retention of the last 2 tags and {@code release-*} in the namespaces {@code kept-*}.
 * All subclasses share this configuration, hence one application context.
 */
@TestPropertySource(properties = {"wharf.registry.gc.grace-period=2s", "wharf.registry.gc.scheduled=false",
        "wharf.registry.uploads.expire-after=3s", "wharf.registry.gc.untagged-manifests-after=2s",
        "wharf.registry.immutable-tags[0].repository-pattern=locked-*/*",
        "wharf.registry.immutable-tags[0].tag-pattern=v*", "wharf.registry.quotas.capped=64KB",
        "wharf.registry.quotas.crowded=96KB",
        "wharf.registry.retention[0].repository-pattern=kept-*/*", "wharf.registry.retention[0].keep-last=2",
        "wharf.registry.retention[0].keep-tags=release-*"})
public abstract class LifecycleApiTest extends RegistryApiTest {

    protected static final Duration GRACE_PERIOD = Duration.ofSeconds(2);

    /** {@code wharf.registry.uploads.expire-after} above. */
    protected static final Duration UPLOAD_EXPIRY = Duration.ofSeconds(3);

    /** {@code POST /admin/gc}; the JSON report. */
    protected JsonPath collectGarbage(boolean dryRun) {
        Response response = registry.given().post("/admin/gc?dryRun=" + dryRun);
        assertThat(response.statusCode()).as(OciErrors.describe(response)).isEqualTo(200);
        return response.jsonPath();
    }

    protected static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /** Waits until everything touched so far is older than the grace period. */
    protected static void outwaitGracePeriod() {
        sleep(GRACE_PERIOD.plusMillis(300));
    }

    /** Where the filesystem driver keeps a blob's content. */
    protected Path storedBlob(String digest) {
        String hex = digest.substring(digest.indexOf(':') + 1);
        return storageRoot().resolve("blobs").resolve("sha256").resolve(hex.substring(0, 2)).resolve(hex)
                .resolve("data");
    }
}
