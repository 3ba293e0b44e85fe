package io.wharf.registry.audit;

import io.wharf.registry.persistence.SqlTimestamps;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit log: an append-only record of pushes, deletes and garbage collections, for administrators. Written in the
 * transaction of the change when there is one, so an entry exists exactly when the change committed.
 */
@Service
public class AuditLog {

    private final JdbcClient jdbc;
    private final Clock clock;

    public AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public void record(String actor, String action, String repository, String digest, String tag, String detail) {
        jdbc.sql("insert into audit_entry (at, actor, action, repository, digest, tag, detail)"
                        + " values (:at, :actor, :action, :repository, :digest, :tag, :detail)")
                .param("at", SqlTimestamps.utc(clock.instant()))
                .param("actor", actor == null ? "" : actor)
                .param("action", action)
                .param("repository", repository)
                .param("digest", digest)
                .param("tag", tag)
                .param("detail", detail)
                .update();
    }

    /** At most {@code limit} entries older than entry {@code before} (all when null), newest first. */
    public List<AuditEntry> recent(String repository, Long before, int limit) {
        // Two statements rather than ":repository is null", whose parameter type PostgreSQL cannot infer.
        String where = repository == null ? "id < :before" : "id < :before and repository = :repository";
        JdbcClient.StatementSpec query = jdbc.sql("select id, at, actor, action, repository, digest, tag, detail"
                        + " from audit_entry where " + where + " order by id desc limit :limit")
                .param("before", before == null ? Long.MAX_VALUE : before)
                .param("limit", limit);
        if (repository != null) {
            query = query.param("repository", repository);
        }
        return query
                .query((row, number) -> new AuditEntry(row.getLong("id"),
                        SqlTimestamps.instant(row, "at"), row.getString("actor"),
                        row.getString("action"), row.getString("repository"), row.getString("digest"),
                        row.getString("tag"), row.getString("detail")))
                .list();
    }
}
