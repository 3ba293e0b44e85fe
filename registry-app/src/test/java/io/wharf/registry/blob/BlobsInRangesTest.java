package io.wharf.registry.blob;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.wharf.registry.api.support.LifecycleApiTest;
import io.wharf.registry.api.support.ManifestDocument;
import io.wharf.registry.api.support.TestBlob;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Garbage collection's questions read the tables range by range: asked two rows at a time, they find what one
 * question over the whole table finds, and the links no manifest of their repository references are those.
 */
class BlobsInRangesTest extends LifecycleApiTest {

    private static final Consumer<Duration> NO_PAUSE = took -> { };

    @Autowired
    JdbcClient jdbc;

    @Test
    void rangesOfTwoRowsFindWhatTheWholeTableHolds() {
        List<RepositoryBlob> loose = new ArrayList<>();
        List<RepositoryBlob> referenced = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String repository = newRepository("ranges");
            ManifestDocument image = registry.pushImage(repository, "v1");
            long id = jdbc.sql("select id from repository where name = ?").param(repository).query(Long.class).single();
            for (int blob = 0; blob < 2; blob++) {
                loose.add(new RepositoryBlob(id, registry.pushBlob(repository, TestBlob.random(100)).digest()));
            }
            JsonPath manifest = new JsonPath(image.text());
            referenced.add(new RepositoryBlob(id, manifest.getString("config.digest")));
            manifest.getList("layers.digest", String.class).forEach(layer -> referenced.add(new RepositoryBlob(id, layer)));
        }
        Instant later = Instant.now().plusSeconds(3600);
        Blobs wholeTable = new Blobs(jdbc, Integer.MAX_VALUE);
        Blobs twoRowsAtATime = new Blobs(jdbc, 2);

        List<RepositoryBlob> unreferenced = twoRowsAtATime.unreferencedLinks(later, NO_PAUSE);
        assertThat(unreferenced).containsAll(loose).doesNotContainAnyElementsOf(referenced)
                .containsExactlyInAnyOrderElementsOf(wholeTable.unreferencedLinks(later, NO_PAUSE));
        assertThat(wholeTable.collectable(later, NO_PAUSE)).hasSizeGreaterThanOrEqualTo(loose.size())
                .containsExactlyInAnyOrderElementsOf(twoRowsAtATime.collectable(later, NO_PAUSE))
                .allSatisfy(blob -> assertThat(blob.size()).isPositive());
    }
}
