package io.wharf.registry.events;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP endpoint for registry events on a loopback port: records every envelope it is sent, with the
 * request's headers, and answers with a status the test chooses (200 unless told otherwise).
 */
final class EventReceiver implements AutoCloseable {

    /** One POST as it arrived, when, and the status it was answered with. */
    record Delivery(String contentType, String authorization, JsonNode envelope, Instant at, int answer) {

        List<JsonNode> events() {
            return envelope.path("events").valueStream().toList();
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);

    private EventReceiver(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/events", this::receive);
        server.start();
    }

    /** A receiver on a free port. */
    static EventReceiver start() {
        return new EventReceiver(0);
    }

    /** A receiver on {@code port}, for an endpoint that was configured before anything listened there. */
    static EventReceiver startOn(int port) {
        return new EventReceiver(port);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/events");
    }

    /** From now on, answer every delivery with {@code status}. */
    void answer(int status) {
        this.status.set(status);
    }

    /** Every delivery received, whatever the answer was. */
    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** The events about {@code repository} in deliveries answered with 200, in the order they arrived. */
    List<JsonNode> acceptedEventsAbout(String repository) {
        return eventsAbout(repository, deliveries.stream().filter(delivery -> delivery.answer() == 200));
    }

    /** The pulls of {@code repository} that accepted pull events reported, summed over their counts. */
    long pullsReportedAbout(String repository) {
        return acceptedEventsAbout(repository).stream()
                .filter(event -> event.path("action").asString().equals("pull"))
                .mapToLong(event -> event.path("target").path("count").asLong())
                .sum();
    }

    /** The events about {@code repository} in every delivery, whatever the answer, in the order they arrived. */
    List<JsonNode> receivedEventsAbout(String repository) {
        return eventsAbout(repository, deliveries.stream());
    }

    private static List<JsonNode> eventsAbout(String repository, Stream<Delivery> deliveries) {
        return deliveries.flatMap(delivery -> delivery.events().stream())
                .filter(event -> repository.equals(event.path("target").path("repository").asString()))
                .toList();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            int answer = status.get();
            deliveries.add(new Delivery(exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    JSON.readTree(exchange.getRequestBody().readAllBytes()), Instant.now(), answer));
            exchange.sendResponseHeaders(answer, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
