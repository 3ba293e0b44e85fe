package io.wharf.registry.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.registry.repository.RepositoryContentChanged;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** What the manifest cache keeps, for how long, and what a change drops (no Spring, no database: loads are counted). */
class ManifestCacheTest {

    private final AtomicInteger loads = new AtomicInteger();

    private Supplier<StoredManifest> loader(String digest, int size) {
        return () -> {
            loads.incrementAndGet();
            return new StoredManifest(digest, "application/vnd.oci.image.manifest.v1+json", new byte[size], null);
        };
    }

    private static ManifestCache cache(Duration ttl, DataSize maxBytes) {
        return new ManifestCache(new ManifestCacheProperties(ttl, maxBytes));
    }

    @Test
    void aManifestIsLoadedOnceWithinTheTtl() {
        ManifestCache cache = cache(Duration.ofMinutes(1), DataSize.ofMegabytes(1));
        for (int i = 0; i < 5; i++) {
            assertThat(cache.get("team/app", "latest", loader("sha256:a", 100)).digest()).isEqualTo("sha256:a");
        }
        assertThat(loads).hasValue(1);
    }

    @Test
    void aChangeToTheRepositoryIsSeenAtOnceAndOtherRepositoriesKeepTheirEntries() {
        ManifestCache cache = cache(Duration.ofMinutes(1), DataSize.ofMegabytes(1));
        cache.get("team/app", "latest", loader("sha256:a", 100));
        cache.get("team/other", "latest", loader("sha256:o", 100));

        cache.changed(new RepositoryContentChanged("team/app"));

        assertThat(cache.get("team/app", "latest", loader("sha256:b", 100)).digest()).isEqualTo("sha256:b");
        assertThat(cache.get("team/other", "latest", loader("sha256:x", 100)).digest()).isEqualTo("sha256:o");
        assertThat(loads).hasValue(3);
    }

    @Test
    void whatWasReadWhileAChangeHappenedIsNotKept() {
        ManifestCache cache = cache(Duration.ofMinutes(1), DataSize.ofMegabytes(1));
        Supplier<StoredManifest> racingLoad = () -> {
            // A push commits between this lookup's database read and its store.
            StoredManifest before = loader("sha256:old", 100).get();
            cache.changed(new RepositoryContentChanged("team/app"));
            return before;
        };
        assertThat(cache.get("team/app", "latest", racingLoad).digest()).isEqualTo("sha256:old");

        assertThat(cache.get("team/app", "latest", loader("sha256:new", 100)).digest()).isEqualTo("sha256:new");
    }

    @Test
    void entriesExpireAfterTheTtl() throws InterruptedException {
        ManifestCache cache = cache(Duration.ofMillis(50), DataSize.ofMegabytes(1));
        cache.get("team/app", "latest", loader("sha256:a", 100));
        Thread.sleep(120);
        assertThat(cache.get("team/app", "latest", loader("sha256:b", 100)).digest()).isEqualTo("sha256:b");
    }

    @Test
    void aZeroTtlTurnsTheCacheOff() {
        ManifestCache cache = cache(Duration.ZERO, DataSize.ofMegabytes(1));
        cache.get("team/app", "latest", loader("sha256:a", 100));
        cache.get("team/app", "latest", loader("sha256:a", 100));
        assertThat(loads).hasValue(2);
    }

    @Test
    void aManifestLargerThanASixteenthOfTheBudgetIsNotKeptAndTheBudgetIsNeverExceeded() {
        ManifestCache cache = cache(Duration.ofMinutes(1), DataSize.ofBytes(1600));
        cache.get("team/app", "big", loader("sha256:big", 101));
        cache.get("team/app", "big", loader("sha256:big", 101));
        assertThat(loads).hasValue(2);

        for (int i = 0; i < 20; i++) {
            cache.get("team/app", "tag" + i, loader("sha256:" + i, 100));
        }
        loads.set(0);
        // 16 entries of 100 bytes fit; the 17th emptied the cache, so the first tags are loaded again.
        cache.get("team/app", "tag0", loader("sha256:0", 100));
        assertThat(loads).hasValue(1);
        // The latest ones are still there.
        assertThat(cache.get("team/app", "tag19", loader("sha256:19", 100)).digest()).isEqualTo("sha256:19");
        assertThat(loads).hasValue(1);
    }
}
