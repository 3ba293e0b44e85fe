package io.wharf.registry.proxy;

import static io.wharf.registry.persistence.SqlTimestamps.utc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code proxy} table. */
@Repository
class Proxies {

    private final JdbcClient jdbc;

    Proxies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<StoredProxy> all() {
        return jdbc.sql("select " + StoredProxy.COLUMNS + " from proxy order by name").query(StoredProxy.ROW).list();
    }

    Optional<StoredProxy> find(String name) {
        return jdbc.sql("select " + StoredProxy.COLUMNS + " from proxy where name = :name").param("name", name)
                .query(StoredProxy.ROW).optional();
    }

    /** Updates the row of {@code proxy.name()}; false when there is none. */
    boolean update(StoredProxy proxy, Instant at) {
        return bind(jdbc.sql("update proxy set upstream = :upstream, username = :username,"
                + " sealed_password = :sealedPassword, revalidate_after_seconds = :revalidate,"
                + " include_globs = :include, exclude_globs = :exclude, size_limit_bytes = :sizeLimit,"
                + " mirror = :mirror, updated_at = :at where name = :name"), proxy, at).update() == 1;
    }

    /** Inserts a row; a DataIntegrityViolationException when one of that name exists. */
    void insert(StoredProxy proxy, Instant at) {
        bind(jdbc.sql("insert into proxy (" + StoredProxy.COLUMNS + ", updated_at) values (:name, :upstream,"
                + " :username, :sealedPassword, :revalidate, :include, :exclude, :sizeLimit, :mirror, :at)"), proxy, at)
                .update();
    }

    /** Clears the mirror mark of every proxy but {@code keep}. */
    void clearMirrorExcept(String keep) {
        jdbc.sql("update proxy set mirror = false where mirror = true and name <> :keep").param("keep", keep).update();
    }

    boolean delete(String name) {
        return jdbc.sql("delete from proxy where name = :name").param("name", name).update() == 1;
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, StoredProxy proxy, Instant at) {
        return statement.param("name", proxy.name()).param("upstream", proxy.upstream())
                .param("username", proxy.username()).param("sealedPassword", proxy.sealedPassword())
                .param("revalidate", proxy.revalidateAfterSeconds())
                .param("include", StoredProxy.joinGlobs(proxy.include()))
                .param("exclude", StoredProxy.joinGlobs(proxy.exclude()))
                .param("sizeLimit", proxy.sizeLimitBytes()).param("mirror", proxy.mirror()).param("at", utc(at));
    }
}
