package io.wharf.registry.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Upgrading a registry whose open (unauthenticated) days stored top-level names in their short form: migration V7
 * moves them to {@code library/<name>}, the one form the registry now reads, unless that name is taken.
 */
class TopLevelNamesMigrationTest {

    @Test
    void shortTopLevelNamesMoveIntoLibraryUnlessTheFullNameExists() {
        SimpleDriverDataSource database = new SimpleDriverDataSource(new org.h2.Driver(),
                "jdbc:h2:mem:top-level-names;DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(database).locations("classpath:db/migration/registry").target("6").load()
                .migrate();
        JdbcClient sql = JdbcClient.create(database);
        for (String name : List.of("ubuntu", "alpine", "library/alpine", "team/app")) {
            sql.sql("insert into repository (name, created_at) values (?, current_timestamp)").param(name).update();
        }
        sql.sql("insert into upload (id, repository_name, started_at, updated_at)"
                + " values ('u1', 'ubuntu', current_timestamp, current_timestamp)").update();

        Flyway.configure().dataSource(database).locations("classpath:db/migration/registry").load().migrate();

        assertThat(sql.sql("select name from repository order by name").query(String.class).list())
                .containsExactly("alpine", "library/alpine", "library/ubuntu", "team/app");
        assertThat(sql.sql("select repository_name from upload").query(String.class).single())
                .isEqualTo("library/ubuntu");
    }
}
