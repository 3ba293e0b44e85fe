package io.wharf.registry.gc;

import io.wharf.registry.support.PostgresTestDatabase;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link GcStressTest} on PostgreSQL (the machine's cluster, a fresh database), where the collection's conditional
 * deletes meet concurrent pushes under PostgreSQL's row locking; filesystem storage. Shorter, to bound the build's time.
 */
@DirtiesContext
class GcStressOnPostgresTest extends GcStressTest {

    private static PostgresTestDatabase postgres;

    /** Before the context starts (skipped locally without PostgreSQL, failing in CI). */
    @BeforeAll
    static void createDatabase() {
        postgres = PostgresTestDatabase.create("gc_stress");
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry properties) {
        for (String name : List.of("spring.datasource.url", "spring.datasource.username",
                "spring.datasource.password")) {
            properties.add(name, () -> postgres.datasourceProperties().get(name));
        }
    }

    @AfterAll
    static void dropDatabase() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    protected Duration runTime() {
        return Duration.ofSeconds(10);
    }
}
