package io.wharf.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.wharf.registry.clients.DockerEngine;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhooks end to end: the docker engine pushes, a receiver on 127.0.0.1 gets signed deliveries and checks their
 * signatures as docs/index-api.md tells receivers to. While the receiver is down pushes go on and the index (which
 * holds the deliveries outbox) is killed with SIGKILL; once both are back every delivery arrives, each once, in the
 * order of the pushes. Then the registry is killed with SIGKILL right after a push, before its events outbox has
 * passed the push on to the index: once it is back, that push's delivery arrives too, once.
 */
class WebhooksTest {

    private static final String OWNER = "hana";
    private static final String OWNER_PASSWORD = IndexApi.STRONG_PASSWORD + "-hooks";
    private static final String SECRET = "e2e-webhook-secret";
    private static final String REPOSITORY = OWNER + "/hooked";
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private static WharfServers servers;
    private static IndexApi index;
    private static DockerEngine docker;
    private static String localImage;
    private static final List<Received> received = new CopyOnWriteArrayList<>();
    private static HttpServer receiver;
    private static int receiverPort;

    record Received(String deliveryId, String timestamp, String signature, String body) {
    }

    @BeforeAll
    static void setUp() throws IOException {
        servers = WharfServers.shared();
        index = new IndexApi(servers);
        index.createUser(OWNER, OWNER_PASSWORD);
        docker = DockerEngine.shared();
        localImage = "wharf-e2e/hooks:" + System.nanoTime();
        docker.buildBusyboxImage(localImage);
        startReceiver(0);
        receiverPort = receiver.getAddress().getPort();
    }

    @AfterAll
    static void tearDown() {
        receiver.stop(0);
        docker.logout(servers.registryHost());
    }

    @Test
    void pushesReachTheReceiverSignedInOrderAndOnceThroughItsDowntimeAKilledIndexAndAKilledRegistry() throws Exception {
        docker.login(servers.registryHost(), OWNER, OWNER_PASSWORD);
        push("first");
        // A hook belongs to a repository the index knows: it learns of it from the push's event.
        await().atMost(DEADLINE).ignoreExceptions().until(() -> index.tags(REPOSITORY).containsKey("first"));
        given().baseUri(servers.indexUrl()).auth().preemptive().basic(OWNER, OWNER_PASSWORD)
                .contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:" + receiverPort + "/hook", "events", List.of("push"),
                        "secret", SECRET))
                .post("/api/webhooks?repository=" + REPOSITORY)
                .then().statusCode(201);

        push("v1");
        await().atMost(DEADLINE).until(() -> pushedTags().contains("v1"));

        receiver.stop(0);
        push("v2");
        push("v3");
        // The deliveries of v2 and v3 wait in the index's outbox; the index dies without warning meanwhile.
        servers.killIndex();
        startReceiver(receiverPort);
        servers.restartIndex();
        push("v4");

        await().atMost(DEADLINE).until(() -> pushedTags().containsAll(List.of("v1", "v2", "v3", "v4")));

        // The registry sends its events outbox once a second: killed as the push returns, it still holds v5's event,
        // and the push it confirmed must survive with it.
        push("v5");
        servers.killRegistry();
        servers.restartRegistry();
        String v5 = servers.registryHost() + "/" + REPOSITORY + ":v5";
        docker.rmi(v5);
        docker.pull(v5);
        await().atMost(DEADLINE).until(() -> pushedTags().contains("v5"));
        // A delivery the dead registry had sent but not yet marked goes again; the index must not pass it on twice.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> received.size() == 5);
        for (Received delivery : received) {
            assertThat(delivery.signature()).isEqualTo(expectedSignature(delivery.timestamp(), delivery.body()));
            JsonPath body = JsonPath.from(delivery.body());
            assertThat(body.getString("id")).isEqualTo(delivery.deliveryId());
            assertThat(body.getString("repository.name")).isEqualTo(REPOSITORY);
            assertThat(body.getString("actor")).isEqualTo(OWNER);
            assertThat(body.getString("digest")).startsWith("sha256:");
            assertThat(body.getString("pullCommand")).isEqualTo("docker pull " + servers.registryHost() + "/"
                    + REPOSITORY + ":" + body.getString("tag"));
        }
        assertThat(pushedTags()).containsExactly("v1", "v2", "v3", "v4", "v5");
        assertThat(received.stream().map(Received::deliveryId).collect(Collectors.toSet())).hasSize(5);
    }

    private static List<String> pushedTags() {
        return received.stream().map(delivery -> JsonPath.from(delivery.body()).getString("tag")).toList();
    }

    private static void push(String tag) {
        String reference = servers.registryHost() + "/" + REPOSITORY + ":" + tag;
        docker.tag(localImage, reference);
        docker.push(reference);
    }

    /** What a receiver computes: HMAC-SHA256 of "<timestamp>.<body>" with the hook's secret. */
    private static String expectedSignature(String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] signed = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        return "sha256=" + HexFormat.of().formatHex(signed);
    }

    private static void startReceiver(int port) throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestHeaders().getFirst("X-Wharf-Delivery"),
                    exchange.getRequestHeaders().getFirst("X-Wharf-Timestamp"),
                    exchange.getRequestHeaders().getFirst("X-Wharf-Signature"), body));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }
}
