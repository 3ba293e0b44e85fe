package io.wharf.registry.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code wharf_registry_events_pending}: event deliveries in the outbox not yet accepted by their endpoint. It
 * grows while an endpoint (the index) is down or refuses the events, and drains once it answers; a backlog that
 * only grows is worth an alert. Counted in the database (the outbox is shared by replicas) when scraped.
 */
@Component
class EventBacklogMetrics {

    private static final Logger log = LoggerFactory.getLogger(EventBacklogMetrics.class);

    private final JdbcTemplate jdbc;

    EventBacklogMetrics(JdbcTemplate jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        Gauge.builder("wharf.registry.events.pending", this, EventBacklogMetrics::pendingDeliveries)
                .description("Event deliveries waiting in the outbox (all endpoints, all replicas)")
                .register(meters);
    }

    private double pendingDeliveries() {
        try {
            Long pending = jdbc.queryForObject("select count(*) from event_delivery where delivered_at is null",
                    Long.class);
            return pending == null ? 0 : pending;
        } catch (DataAccessException unavailable) {
            // The readiness probe reports the database; a scrape must not fail because of it.
            log.debug("cannot count pending events: {}", unavailable.toString());
            return Double.NaN;
        }
    }
}
