package io.wharf.index.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.wharf.index.IndexAppTestSupport;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * With private targets refused (the default), hooks to loopback, link-local (the metadata service), private
 * networks, {@code localhost} and names that resolve to such addresses are refused when saved, and again when a
 * delivery is due (a name resolving elsewhere by then, a hook saved while private targets were allowed): nothing is
 * sent. The resolver is stubbed, so no test asks DNS; a refused delivery opens no connection at all.
 */
@Import(WebhookTargetRefusalTest.StubResolver.class)
@TestPropertySource(properties = "wharf.index.webhooks.poll-interval=100ms")
class WebhookTargetRefusalTest extends IndexAppTestSupport {

    /** Names the stub answers for; anything else is an address literal or localhost, resolved without DNS. */
    static final Map<String, String> NAMES = new ConcurrentHashMap<>(Map.of(
            "internal.example.test", "10.1.2.3",
            "rebinding.example.test", "203.0.113.10"));

    @TestConfiguration
    static class StubResolver {

        @Bean
        @Primary
        TargetResolver stubTargetResolver() {
            return host -> {
                String address = NAMES.get(host);
                if (address != null) {
                    return List.of(InetAddress.getByName(address));
                }
                if (!host.equals("localhost") && !Character.isDigit(host.charAt(0)) && !host.startsWith("[")) {
                    throw new UnknownHostException(host);
                }
                return List.of(InetAddress.getAllByName(host));
            };
        }
    }

    private final Instant start = Instant.parse("2030-01-01T12:00:00Z");

    /** One user for every case: creating accounts is the slow part of these tests. */
    private static String owner;

    @Autowired
    JdbcClient database;

    /** A repository of its own for a case, so that its hook's history is its own. */
    private String repository() {
        if (owner == null) {
            owner = createUser();
        }
        String repository = owner + "/" + uniqueName("app");
        sendEvents(tagPush(repository, "v1", digest("a"), start));
        return repository;
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9/hook", "http://169.254.169.254/latest/meta-data/",
            "http://10.0.0.1/hook", "https://10.255.255.254/hook", "http://localhost:8080/hook",
            "http://internal.example.test/hook", "http://[::1]/hook", "http://[fd00:ec2::254]/hook",
            "http://0.0.0.0/hook", "http://192.168.1.1/hook"})
    void privateTargetsAreRefusedWhenAHookIsSaved(String url) {
        String repository = repository();

        asUser(owner).contentType(ContentType.JSON).body(Map.of("url", url, "events", List.of("push")))
                .post("/api/webhooks?repository=" + repository)
                .then().statusCode(400)
                .body("fields[0].field", equalTo("url"))
                .body("fields[0].message", containsString("allow-private-targets"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9/hook", "http://169.254.169.254/latest/meta-data/",
            "http://10.0.0.1/hook", "http://localhost:9/hook", "http://internal.example.test/hook"})
    void privateTargetsAreRefusedAgainWhenADeliveryIsDue(String url) {
        String repository = repository();
        long hook = hookSavedWhilePrivateTargetsWereAllowed(repository, url);

        sendEvents(tagPush(repository, "v2", digest("b"), start.plusSeconds(1)));

        awaitRefusal(hook);
    }

    @Test
    void aNameThatResolvesToAPrivateAddressByDeliveryTimeIsNotSentTo() {
        String repository = repository();
        long hook = ((Number) asUser(owner).contentType(ContentType.JSON)
                .body(Map.of("url", "http://rebinding.example.test/hook", "events", List.of("push")))
                .post("/api/webhooks?repository=" + repository)
                .then().statusCode(201).extract().path("id")).longValue();

        NAMES.put("rebinding.example.test", "10.0.0.7");
        sendEvents(tagPush(repository, "v2", digest("b"), start.plusSeconds(1)));

        awaitRefusal(hook);
    }

    private void awaitRefusal(long hook) {
        await().atMost(Duration.ofSeconds(20)).until(() -> !asUser(owner).get("/api/webhooks/{id}/attempts", hook)
                .then().extract().jsonPath().getList("$").isEmpty());
        asUser(owner).get("/api/webhooks/{id}/attempts", hook).then()
                .body("[0].statusCode", equalTo(null))
                .body("[0].outcome", containsString("Not sent: "))
                .body("[0].outcome", containsString("allow-private-targets"));
    }

    private long hookSavedWhilePrivateTargetsWereAllowed(String repository, String url) {
        database.sql("""
                        INSERT INTO webhook (namespace, repository, url, secret, events, payload_format, enabled,
                            consecutive_failures, created_at)
                        VALUES (?, ?, ?, 'secret', 'push', 'WHARF', TRUE, 0, CURRENT_TIMESTAMP)""")
                .params(owner, repository, url)
                .update();
        Long id = database.sql("SELECT MAX(id) FROM webhook WHERE repository = ?").param(repository)
                .query(Long.class).single();
        assertThat(id).isNotNull();
        return id;
    }
}
