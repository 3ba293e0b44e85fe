package io.wharf.index.webhook;

import static io.wharf.index.persistence.Rows.timestamp;

import io.wharf.index.persistence.Rows;
import io.wharf.index.repository.RepositoryPath;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code webhook} table. */
@Repository
public class Webhooks {

    private final JdbcClient database;

    Webhooks(JdbcClient database) {
        this.database = database;
    }

    long insert(String namespace, String repository, String url, String secret, Set<WebhookEvent> events,
            PayloadFormat format, Instant at) {
        return Rows.insert(database.sql("""
                        INSERT INTO webhook (namespace, repository, url, secret, events, payload_format, enabled,
                            consecutive_failures, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, TRUE, 0, ?)""")
                .params(namespace, repository, url, secret, Webhook.encode(events), format.name(), timestamp(at)));
    }

    Optional<Webhook> find(long id) {
        return database.sql("SELECT * FROM webhook WHERE id = ?").param(id).query(Webhook.ROWS).optional();
    }

    /** The hooks of the repository itself, or of the organization when {@code repository} is null. */
    List<Webhook> ownedBy(String namespace, String repository) {
        return repository == null
                ? database.sql("SELECT * FROM webhook WHERE namespace = ? AND repository IS NULL ORDER BY id")
                        .param(namespace).query(Webhook.ROWS).list()
                : database.sql("SELECT * FROM webhook WHERE repository = ? ORDER BY id")
                        .param(repository).query(Webhook.ROWS).list();
    }

    /** The enabled hooks a change of the repository concerns: its own and its organization's. */
    List<Webhook> enabledFor(RepositoryPath repository) {
        return database.sql("""
                        SELECT * FROM webhook WHERE enabled = TRUE AND namespace = ?
                        AND (repository = ? OR repository IS NULL) ORDER BY id""")
                .params(repository.namespace(), repository.fullName())
                .query(Webhook.ROWS).list();
    }

    void update(long id, String url, Set<WebhookEvent> events, PayloadFormat format) {
        database.sql("UPDATE webhook SET url = ?, events = ?, payload_format = ? WHERE id = ?")
                .params(url, Webhook.encode(events), format.name(), id)
                .update();
    }

    void updateSecret(long id, String secret) {
        database.sql("UPDATE webhook SET secret = ? WHERE id = ?").params(secret, id).update();
    }

    void enable(long id) {
        database.sql("UPDATE webhook SET enabled = TRUE, consecutive_failures = 0, disabled_reason = NULL WHERE id = ?")
                .param(id).update();
    }

    void disable(long id, String reason) {
        database.sql("UPDATE webhook SET enabled = FALSE, disabled_reason = ? WHERE id = ?")
                .params(reason, id).update();
    }

    void delete(long id) {
        database.sql("DELETE FROM webhook WHERE id = ?").param(id).update();
    }

    void recordSuccess(long id) {
        database.sql("UPDATE webhook SET consecutive_failures = 0 WHERE id = ?").param(id).update();
    }

    /** Counts a failed attempt; returns the failures in a row now. */
    int recordFailure(long id) {
        database.sql("UPDATE webhook SET consecutive_failures = consecutive_failures + 1 WHERE id = ?")
                .param(id).update();
        return database.sql("SELECT consecutive_failures FROM webhook WHERE id = ?").param(id)
                .query(Integer.class).single();
    }
}
