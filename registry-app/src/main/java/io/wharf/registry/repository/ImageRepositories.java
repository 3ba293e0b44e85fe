package io.wharf.registry.repository;

import static io.wharf.registry.persistence.SqlTimestamps.utc;

import io.wharf.registry.persistence.GeneratedIds;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code repository} table. */
@Repository
public class ImageRepositories {

    private final JdbcClient jdbc;

    ImageRepositories(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ImageRepository> findByName(String name) {
        return jdbc.sql("select id, name from repository where name = :name")
                .param("name", name)
                .query(ImageRepository.ROW).optional();
    }

    public List<ImageRepository> findAll() {
        return jdbc.sql("select id, name from repository").query(ImageRepository.ROW).list();
    }

    public boolean existsById(long id) {
        return jdbc.sql("select count(*) from repository where id = :id")
                .param("id", id)
                .query(Long.class).single() > 0;
    }

    /** Names in lexical order after {@code last}, at most {@code limit} of them. */
    public List<String> namesAfter(String last, int limit) {
        return jdbc.sql("select name from repository where name > :last order by name limit :limit")
                .param("last", last)
                .param("limit", limit)
                .query(String.class).list();
    }

    /** Inserts a repository; a DataIntegrityViolationException when the name exists. */
    public ImageRepository insert(String name, Instant createdAt) {
        long id = GeneratedIds.insert(jdbc.sql("insert into repository (name, created_at) values (:name, :createdAt)")
                .param("name", name)
                .param("createdAt", utc(createdAt)));
        return new ImageRepository(id, name);
    }

    /** The database cascades to the repository's tags, manifests and blob links. */
    public int deleteRepository(long id) {
        return jdbc.sql("delete from repository where id = :id").param("id", id).update();
    }
}
