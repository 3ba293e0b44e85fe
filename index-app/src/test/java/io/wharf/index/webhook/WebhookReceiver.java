package io.wharf.index.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A hook's receiver on 127.0.0.1: records every request and answers {@link #failNext} requests with 503. */
public final class WebhookReceiver implements AutoCloseable {

    /** A request as it arrived. */
    public record Received(Map<String, String> headers, String body, int status) {

        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    public final List<Received> received = new CopyOnWriteArrayList<>();
    public final AtomicInteger failNext = new AtomicInteger();
    private final HttpServer server;

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean fail = failNext.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
            received.add(new Received(headers, body, fail ? 503 : 200));
            byte[] answer = (fail ? "busy, session=abc123 token=hunter2" : "ok").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(fail ? 503 : 200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
