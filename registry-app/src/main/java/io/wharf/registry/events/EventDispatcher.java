package io.wharf.registry.events;

import io.wharf.registry.http.PlainHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Delivers the outbox: every poll interval, for each endpoint, claims a batch of due events, POSTs them in one
 * envelope and marks them delivered on a 2xx answer. Anything else (an error status, no connection, a timeout)
 * puts them back with a doubling wait, forever: events are delivered at least once and the receiver drops
 * duplicates by event id.
 */
@Component
@EnableScheduling
class EventDispatcher implements SchedulingConfigurer {

    static final String EVENTS_MEDIA_TYPE = "application/vnd.docker.distribution.events.v1+json";

    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);
    private static final Duration PURGE_INTERVAL = Duration.ofHours(1);

    private final EventOutbox outbox;
    private final EventsProperties properties;
    private final Clock clock;
    private final Set<String> endpointsWarnedOfNoSecret = ConcurrentHashMap.newKeySet();
    /** Endpoints whose last delivery failed: warned about once, not at every retry. */
    private final Set<String> failingEndpoints = ConcurrentHashMap.newKeySet();

    EventDispatcher(EventOutbox outbox, EventsProperties properties, Clock clock) {
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::deliverPending, properties.pollInterval());
        tasks.addFixedDelayTask(this::purgeDelivered, PURGE_INTERVAL);
    }

    private void deliverPending() {
        for (EventsProperties.Endpoint endpoint : properties.endpoints()) {
            if (!endpoint.hasSecret()) {
                if (endpointsWarnedOfNoSecret.add(endpoint.name())) {
                    log.warn("events endpoint '{}' ({}) has no secret: its events stay queued until one is set",
                            endpoint.name(), endpoint.url());
                }
                continue;
            }
            try {
                while (deliverNextBatch(endpoint)) {
                    // A batch went through: more may be waiting.
                }
            } catch (RuntimeException databaseTrouble) {
                log.warn("delivering events to '{}' failed: {}", endpoint.name(), databaseTrouble.toString());
            }
        }
    }

    /** Sends one batch; true when it was delivered and more may be waiting. */
    private boolean deliverNextBatch(EventsProperties.Endpoint endpoint) {
        Instant now = clock.instant();
        List<EventOutbox.PendingEvent> batch = outbox.claim(endpoint.name(), properties.batchSize(), now,
                now.plus(lease()));
        if (batch.isEmpty()) {
            return false;
        }
        if (send(endpoint, batch)) {
            outbox.markDelivered(endpoint.name(), batch, clock.instant());
            return true;
        }
        Instant failedAt = clock.instant();
        outbox.retryLater(endpoint.name(), batch, failures -> failedAt.plus(backoffAfter(failures)));
        return false;
    }

    private boolean send(EventsProperties.Endpoint endpoint, List<EventOutbox.PendingEvent> batch) {
        Map<String, String> headers = Map.of(HttpHeaders.CONTENT_TYPE, EVENTS_MEDIA_TYPE,
                HttpHeaders.AUTHORIZATION, "Bearer " + endpoint.secret());
        String failure;
        try {
            int status = PlainHttp.exchange("POST", endpoint.url(), headers, envelope(batch), properties.timeout(),
                    false).status();
            if (status / 100 == 2) {
                if (failingEndpoints.remove(endpoint.name())) {
                    log.info("events endpoint '{}' accepts events again", endpoint.name());
                }
                return true;
            }
            failure = "answered " + status;
        } catch (IOException unreachable) {
            failure = "cannot be reached (" + unreachable + ")";
        }
        if (failingEndpoints.add(endpoint.name())) {
            log.warn("events endpoint '{}' {}; its events stay queued and are retried with backoff", endpoint.name(),
                    failure);
        } else {
            log.debug("events endpoint '{}' {} again", endpoint.name(), failure);
        }
        return false;
    }

    /**
     * {@code {"events": [...]}} with the stored events in claim order (per repository: creation order). The payloads
     * are JSON this registry wrote, so they go in as they are, not parsed and written again.
     */
    private static byte[] envelope(List<EventOutbox.PendingEvent> batch) {
        return batch.stream().map(EventOutbox.PendingEvent::payload)
                .collect(Collectors.joining(",", "{\"events\":[", "]}")).getBytes(StandardCharsets.UTF_8);
    }

    /** Initial backoff doubled per failure so far, capped. */
    private Duration backoffAfter(int failures) {
        Duration wait = properties.initialBackoff().multipliedBy(1L << Math.min(failures - 1, 30));
        return wait.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : wait;
    }

    /** Covers the connection and the answer (each bounded by the timeout), with room to record the outcome. */
    private Duration lease() {
        return properties.timeout().multipliedBy(3);
    }

    private void purgeDelivered() {
        try {
            outbox.purgeDeliveredBefore(clock.instant().minus(properties.retention()));
        } catch (RuntimeException databaseTrouble) {
            log.warn("purging delivered events failed: {}", databaseTrouble.toString());
        }
    }
}
