package io.wharf.index.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues deliveries. Called in the transaction that applies the registry's event, so a change and its deliveries
 * are committed together or not at all: nothing is lost when the index dies between them, and a redelivered event
 * (applied once) queues nothing twice.
 */
@Component
public class WebhookOutbox {

    private final Webhooks webhooks;
    private final WebhookDeliveries deliveries;
    private final WebhookPayloads payloads;
    private final WebhookProperties properties;
    private final Clock clock;

    WebhookOutbox(Webhooks webhooks, WebhookDeliveries deliveries, WebhookPayloads payloads,
            WebhookProperties properties, Clock clock) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.payloads = payloads;
        this.properties = properties;
        this.clock = clock;
    }

    /** Queues a delivery of the change for each enabled hook of its repository or organization that wants it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void enqueue(RepositoryChange change) {
        Instant now = clock.instant();
        for (Webhook hook : webhooks.enabledFor(change.repository())) {
            if (hook.wants(change.event())) {
                String id = UUID.randomUUID().toString();
                deliveries.insert(id, hook.id(), change.repository().fullName(), change.event(),
                        payloads.body(hook.format(), id, change), now, now.plus(properties.deadline()));
            }
        }
    }

    /** Queues a ping to the hook; returns its delivery id. */
    String enqueuePing(Webhook hook) {
        Instant now = clock.instant();
        String id = UUID.randomUUID().toString();
        deliveries.insert(id, hook.id(), "", WebhookEvent.PING, payloads.ping(hook.format(), id, hook, now), now,
                now.plus(properties.deadline()));
        return id;
    }
}
