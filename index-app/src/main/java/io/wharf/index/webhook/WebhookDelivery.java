package io.wharf.index.webhook;

import io.wharf.index.persistence.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.springframework.jdbc.core.RowMapper;

/**
 * A row of the {@code webhook_delivery} outbox.
 *
 * @param seq the order of deliveries: a hook's deliveries for one repository go out one after the other by it
 * @param id the delivery id the receiver sees; the same for every attempt and a redelivery
 * @param repository the repository's full name; empty for a test event
 * @param attempts attempts made so far
 */
public record WebhookDelivery(long seq, String id, long webhookId, String repository, WebhookEvent event,
        String body, State state, int attempts, Instant createdAt, Instant deadline) {

    static final RowMapper<WebhookDelivery> ROWS = WebhookDelivery::read;

    public enum State {
        PENDING,
        DELIVERED,
        /** Given up: its deadline passed. A redelivery makes it pending again. */
        FAILED
    }

    private static WebhookDelivery read(ResultSet row, int number) throws SQLException {
        return new WebhookDelivery(row.getLong("seq"), row.getString("id"), row.getLong("webhook_id"),
                row.getString("repository"), WebhookEvent.parse(row.getString("event")).orElseThrow(),
                row.getString("body"), State.valueOf(row.getString("state")), row.getInt("attempts"),
                Rows.instant(row, "created_at"),
                Rows.instant(row, "deadline"));
    }
}
