package io.wharf.registry.events;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where registry events go and how they are delivered (defaults in application.yml).
 *
 * @param endpoints receivers of every event; the default one is the index
 * @param pollInterval pause between two looks for undelivered events
 * @param batchSize most events sent in one envelope
 * @param initialBackoff wait before the first retry of a failed delivery; doubles with each failure
 * @param maxBackoff longest wait between two retries (retries never stop)
 * @param timeout for connecting to an endpoint and for its answer
 * @param retention how long delivered events are kept before they are purged
 */
@ConfigurationProperties("wharf.registry.events")
public record EventsProperties(List<Endpoint> endpoints, Duration pollInterval, int batchSize,
        Duration initialBackoff, Duration maxBackoff, Duration timeout, Duration retention) {

    /** Refuses to start with an endpoint that events could not be written for, rather than failing every push. */
    public EventsProperties {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        for (Endpoint endpoint : endpoints) {
            if (endpoint.name() == null || endpoint.name().isBlank() || endpoint.url() == null) {
                throw new IllegalArgumentException("every wharf.registry.events endpoint needs a name and a url");
            }
        }
        if (endpoints.stream().map(Endpoint::name).distinct().count() != endpoints.size()) {
            throw new IllegalArgumentException("wharf.registry.events endpoint names must be unique");
        }
    }

    /**
     * One receiver of events.
     *
     * @param name identifies the endpoint's deliveries in the database: keep it when the URL changes
     * @param url where envelopes are POSTed
     * @param secret sent as {@code Authorization: Bearer <secret>}; without one nothing is sent
     */
    public record Endpoint(String name, URI url, String secret) {

        boolean hasSecret() {
            return secret != null && !secret.isBlank();
        }
    }
}
