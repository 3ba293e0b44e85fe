package io.wharf.index.webhook;

import io.wharf.index.persistence.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.springframework.jdbc.core.RowMapper;

/**
 * One attempt to deliver, for the hook's history.
 *
 * @param statusCode the receiver's HTTP status; null when there was no answer (refused, timed out, ...)
 * @param outcome what happened, in a sentence
 * @param responseExcerpt the start of the receiver's answer, with anything that looks like a secret blanked out
 */
public record WebhookAttempt(long id, String deliveryId, WebhookEvent event, Instant attemptedAt, Integer statusCode,
        long durationMillis, String outcome, String responseExcerpt) {

    static final RowMapper<WebhookAttempt> ROWS = WebhookAttempt::read;

    private static WebhookAttempt read(ResultSet row, int number) throws SQLException {
        return new WebhookAttempt(row.getLong("id"), row.getString("delivery_id"),
                WebhookEvent.parse(row.getString("event")).orElseThrow(),
                Rows.instant(row, "attempted_at"),
                row.getObject("status_code", Integer.class),
                row.getLong("duration_ms"), row.getString("outcome"), row.getString("response_excerpt"));
    }
}
