package io.wharf.registry.events;

import static io.wharf.registry.persistence.SqlTimestamps.utc;

import io.wharf.registry.audit.AuditLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code event_outbox} and {@code event_delivery} tables: events written with the change they describe,
 * and their delivery to each endpoint. Plain SQL, portable between H2 and PostgreSQL; claims are leases
 * ({@code claimed_until}) set by a conditional update, so that replicas sharing the database never send the
 * same event at the same time and a replica that dies while sending only delays the event.
 */
@Component
class EventOutbox {

    /** An event one endpoint has not received yet, with the number of failed attempts so far. */
    record PendingEvent(String id, String payload, int attempts, String repository) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final JsonMapper json;
    private final EventsProperties properties;
    private final TransactionTemplate transaction;

    EventOutbox(JdbcClient jdbc, JsonMapper json, EventsProperties properties, AuditLog audit,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.json = json;
        this.properties = properties;
        this.audit = audit;
    }

    /**
     * Stores the event, and a pending delivery to every configured endpoint, in the caller's transaction; pushes
     * and deletes also go to the audit log. Called after the change's own statements: its row locks are then taken
     * before the event gets its place in the delivery order (seq), so two changes of the same row produce events in
     * the order they commit.
     */
    void append(String repository, Event event) {
        jdbc.sql("insert into event_outbox (id, repository, payload, created_at)"
                        + " values (:id, :repository, :payload, :createdAt)")
                .param("id", event.id())
                .param("repository", repository)
                .param("payload", json.writeValueAsString(event))
                .param("createdAt", utc(Instant.parse(event.timestamp())))
                .update();
        for (EventsProperties.Endpoint endpoint : properties.endpoints()) {
            jdbc.sql("insert into event_delivery (event_id, endpoint, repository, event_seq, attempts, next_attempt_at)"
                            + " select id, :endpoint, repository, seq, 0, created_at from event_outbox where id = :id")
                    .param("endpoint", endpoint.name())
                    .param("id", event.id())
                    .update();
        }
        if (!Event.PULL.equals(event.action())) {
            audit.record(event.actor().name(), event.action(), repository, event.target().digest(),
                    event.target().tag(), null);
        }
    }

    /**
     * Claims, until {@code leaseEnd}, up to {@code limit} events for {@code endpoint}, oldest first: of each
     * repository its undelivered events in order, up to the first that is not due or that someone else holds. So
     * events of one repository go out in order (an envelope lists them so, and the receiver applies them so), while
     * a repository whose event keeps failing holds up no other repository. One transaction for all the claims.
     */
    List<PendingEvent> claim(String endpoint, int limit, Instant now, Instant leaseEnd) {
        return transaction.execute(status -> {
            List<PendingEvent> candidates = jdbc.sql("""
                            select d.event_id, o.payload, d.attempts, d.repository
                            from event_delivery d join event_outbox o on o.id = d.event_id
                            where d.endpoint = :endpoint and d.delivered_at is null and d.next_attempt_at <= :now
                              and (d.claimed_until is null or d.claimed_until < :now)
                              and not exists (select 1 from event_delivery earlier
                                              where earlier.endpoint = d.endpoint
                                                and earlier.repository = d.repository
                                                and earlier.delivered_at is null and earlier.event_seq < d.event_seq
                                                and (earlier.next_attempt_at > :now or earlier.claimed_until >= :now))
                            order by d.event_seq
                            limit :limit""")
                    .param("endpoint", endpoint)
                    .param("now", utc(now))
                    .param("limit", limit)
                    .query((row, number) -> new PendingEvent(row.getString(1), row.getString(2), row.getInt(3),
                            row.getString(4)))
                    .list();
            // A repository whose event someone else claimed meanwhile keeps its later events back too.
            Set<String> heldElsewhere = new HashSet<>();
            List<PendingEvent> claimed = new ArrayList<>();
            for (PendingEvent event : candidates) {
                if (!heldElsewhere.contains(event.repository()) && claimOne(endpoint, event, now, leaseEnd)) {
                    claimed.add(event);
                } else {
                    heldElsewhere.add(event.repository());
                }
            }
            return claimed;
        });
    }

    private boolean claimOne(String endpoint, PendingEvent event, Instant now, Instant leaseEnd) {
        return jdbc.sql("""
                        update event_delivery set claimed_until = :leaseEnd
                        where event_id = :id and endpoint = :endpoint and delivered_at is null
                          and (claimed_until is null or claimed_until < :now)""")
                .param("leaseEnd", utc(leaseEnd))
                .param("id", event.id())
                .param("endpoint", endpoint)
                .param("now", utc(now))
                .update() == 1;
    }

    void markDelivered(String endpoint, List<PendingEvent> events, Instant now) {
        jdbc.sql("update event_delivery set delivered_at = :now, claimed_until = null"
                        + " where endpoint = :endpoint and event_id in (:ids)")
                .param("now", utc(now))
                .param("endpoint", endpoint)
                .param("ids", events.stream().map(PendingEvent::id).toList())
                .update();
    }

    /**
     * Records one more failed attempt of each event and releases its claim until the time {@code nextAttempt} gives
     * for its failures so far, in one transaction.
     */
    void retryLater(String endpoint, List<PendingEvent> events, IntFunction<Instant> nextAttempt) {
        transaction.executeWithoutResult(status -> events.forEach(event -> jdbc.sql(
                        "update event_delivery set attempts = :attempts, next_attempt_at = :next, claimed_until = null"
                                + " where event_id = :id and endpoint = :endpoint")
                .param("attempts", event.attempts() + 1)
                .param("next", utc(nextAttempt.apply(event.attempts() + 1)))
                .param("id", event.id())
                .param("endpoint", endpoint)
                .update()));
    }

    /** Deletes deliveries made before {@code cutoff}, then the events older than it that nobody waits for. */
    void purgeDeliveredBefore(Instant cutoff) {
        jdbc.sql("delete from event_delivery where delivered_at < :cutoff").param("cutoff", utc(cutoff)).update();
        jdbc.sql("delete from event_outbox where created_at < :cutoff"
                        + " and not exists (select 1 from event_delivery d where d.event_id = event_outbox.id)")
                .param("cutoff", utc(cutoff))
                .update();
    }
}
