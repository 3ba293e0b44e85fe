package io.wharf.index.webhook;

import static io.wharf.index.persistence.Rows.timestamp;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code webhook_delivery} outbox. A replica claims a due delivery with a lease (a conditional update that
 * only one replica wins), so no two replicas send the same delivery at once; a replica that dies leaves the lease
 * to run out, and another one sends the delivery again.
 */
@Repository
public class WebhookDeliveries {

    private final JdbcClient database;

    WebhookDeliveries(JdbcClient database) {
        this.database = database;
    }

    void insert(String id, long webhookId, String repository, WebhookEvent event, String body, Instant at,
            Instant deadline) {
        database.sql("""
                        INSERT INTO webhook_delivery (id, webhook_id, repository, event, body, state, attempts,
                            created_at, next_attempt_at, deadline)
                        VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?)""")
                .params(id, webhookId, repository, event.wireName(), body, timestamp(at), timestamp(at),
                        timestamp(deadline))
                .update();
    }

    /**
     * Due deliveries that may go now, oldest first: pending, not leased, of an enabled hook with fewer than
     * {@code perHook} deliveries in flight, and the first pending one of their hook and repository (order per
     * repository).
     */
    List<WebhookDelivery> due(Instant now, int perHook, int limit) {
        return database.sql("""
                        SELECT d.* FROM webhook_delivery d JOIN webhook w ON w.id = d.webhook_id
                        WHERE d.state = 'PENDING' AND d.next_attempt_at <= ? AND w.enabled = TRUE
                        AND (d.lease_until IS NULL OR d.lease_until < ?)
                        AND NOT EXISTS (SELECT 1 FROM webhook_delivery e WHERE e.webhook_id = d.webhook_id
                            AND e.repository = d.repository AND e.state = 'PENDING' AND e.seq < d.seq)
                        AND (SELECT COUNT(*) FROM webhook_delivery f WHERE f.webhook_id = d.webhook_id
                            AND f.state = 'PENDING' AND f.lease_until >= ?) < ?
                        ORDER BY d.seq LIMIT ?""")
                .params(timestamp(now), timestamp(now), timestamp(now), perHook, limit)
                .query(WebhookDelivery.ROWS).list();
    }

    /** Takes the delivery for {@code owner} until {@code until}; false when another replica was first. */
    boolean claim(long seq, String owner, Instant now, Instant until) {
        return database.sql("""
                        UPDATE webhook_delivery SET lease_owner = ?, lease_until = ?
                        WHERE seq = ? AND state = 'PENDING' AND (lease_until IS NULL OR lease_until < ?)""")
                .params(owner, timestamp(until), seq, timestamp(now))
                .update() == 1;
    }

    /** Marks a claimed delivery delivered; false when its lease was lost meanwhile. */
    boolean delivered(long seq, String owner) {
        return database.sql("""
                        UPDATE webhook_delivery SET state = 'DELIVERED', attempts = attempts + 1, lease_owner = NULL,
                            lease_until = NULL
                        WHERE seq = ? AND lease_owner = ?""")
                .params(seq, owner)
                .update() == 1;
    }

    /**
     * Counts a failed attempt and sets the next one, or gives up ({@code next} null); false when the lease was
     * lost.
     */
    boolean failed(long seq, String owner, Instant next) {
        return database.sql("""
                        UPDATE webhook_delivery SET attempts = attempts + 1, lease_owner = NULL, lease_until = NULL,
                            state = ?, next_attempt_at = COALESCE(?, next_attempt_at)
                        WHERE seq = ? AND lease_owner = ?""")
                .params(next == null ? "FAILED" : "PENDING", next == null ? null : timestamp(next), seq, owner)
                .update() == 1;
    }

    /** Sends the delivery again, now, with a fresh deadline; false when the hook has no such delivery. */
    boolean redeliver(long webhookId, String id, Instant now, Instant deadline) {
        return database.sql("""
                        UPDATE webhook_delivery SET state = 'PENDING', next_attempt_at = ?, deadline = ?
                        WHERE webhook_id = ? AND id = ?""")
                .params(timestamp(now), timestamp(deadline), webhookId, id)
                .update() == 1;
    }

    /** A re-enabled hook's pending deliveries go at once, each with a fresh deadline. */
    void resume(long webhookId, Instant now, Instant deadline) {
        database.sql("""
                        UPDATE webhook_delivery SET next_attempt_at = ?, deadline = ?
                        WHERE webhook_id = ? AND state = 'PENDING'""")
                .params(timestamp(now), timestamp(deadline), webhookId)
                .update();
    }

    /** Forgets the hook's finished deliveries beyond the newest {@code keep} (those pending always stay). */
    void forgetFinished(long webhookId, int keep) {
        database.sql("""
                        DELETE FROM webhook_delivery WHERE webhook_id = ? AND state <> 'PENDING'
                        AND seq < (SELECT MIN(seq) FROM
                            (SELECT seq FROM webhook_delivery WHERE webhook_id = ? ORDER BY seq DESC LIMIT ?)
                            newest)""")
                .params(webhookId, webhookId, keep)
                .update();
    }

    List<WebhookDelivery> ofHook(long webhookId, int limit) {
        return database.sql("SELECT * FROM webhook_delivery WHERE webhook_id = ? ORDER BY seq DESC LIMIT ?")
                .params(webhookId, limit)
                .query(WebhookDelivery.ROWS).list();
    }
}
