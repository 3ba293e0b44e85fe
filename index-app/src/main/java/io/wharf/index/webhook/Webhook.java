package io.wharf.index.webhook;

import io.wharf.index.persistence.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.RowMapper;

/**
 * A row of {@code webhook}.
 *
 * @param repository the repository's full name, or null for an organization's hook (all its repositories)
 * @param consecutiveFailures failed attempts since the last success
 * @param disabledReason why the index disabled the hook; null while enabled
 */
public record Webhook(long id, String namespace, String repository, String url, String secret,
        Set<WebhookEvent> events, PayloadFormat format, boolean enabled, int consecutiveFailures,
        String disabledReason, Instant createdAt) {

    static final RowMapper<Webhook> ROWS = Webhook::read;

    public boolean wants(WebhookEvent event) {
        return event == WebhookEvent.PING || events.contains(event);
    }

    /** What the hook is on: {@code acme/app}, or {@code acme (organization)}. */
    public String owner() {
        return repository != null ? repository : namespace + " (organization)";
    }

    static String encode(Set<WebhookEvent> events) {
        return events.stream().map(WebhookEvent::wireName).sorted().collect(Collectors.joining(","));
    }

    private static Webhook read(ResultSet row, int number) throws SQLException {
        Set<WebhookEvent> events = EnumSet.noneOf(WebhookEvent.class);
        Arrays.stream(row.getString("events").split(",")).map(WebhookEvent::parse)
                .forEach(parsed -> parsed.ifPresent(events::add));
        return new Webhook(row.getLong("id"), row.getString("namespace"), row.getString("repository"),
                row.getString("url"), row.getString("secret"), events,
                PayloadFormat.valueOf(row.getString("payload_format")), row.getBoolean("enabled"),
                row.getInt("consecutive_failures"), row.getString("disabled_reason"),
                Rows.instant(row, "created_at"));
    }
}
