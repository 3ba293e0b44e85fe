package io.wharf.index.webhook;

import static io.wharf.index.persistence.Rows.timestamp;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code webhook_attempt} history: the last attempts of each hook. */
@Repository
public class WebhookAttempts {

    private final JdbcClient database;

    WebhookAttempts(JdbcClient database) {
        this.database = database;
    }

    /** Records the attempt and forgets the hook's attempts beyond the newest {@code keep}. */
    void record(long webhookId, WebhookDelivery delivery, DeliveryResult result, int keep) {
        database.sql("""
                        INSERT INTO webhook_attempt (webhook_id, delivery_id, event, attempted_at, status_code,
                            duration_ms, outcome, response_excerpt)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(webhookId, delivery.id(), delivery.event().wireName(), timestamp(result.startedAt()),
                        result.statusCode(), result.duration().toMillis(), result.outcome(), result.responseExcerpt())
                .update();
        database.sql("""
                        DELETE FROM webhook_attempt WHERE webhook_id = ? AND id < (SELECT MIN(id) FROM
                            (SELECT id FROM webhook_attempt WHERE webhook_id = ? ORDER BY id DESC LIMIT ?) newest)""")
                .params(webhookId, webhookId, keep)
                .update();
    }

    List<WebhookAttempt> ofHook(long webhookId) {
        return database.sql("SELECT * FROM webhook_attempt WHERE webhook_id = ? ORDER BY id DESC")
                .param(webhookId)
                .query(WebhookAttempt.ROWS).list();
    }
}
