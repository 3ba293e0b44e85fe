package io.wharf.index.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.wharf.index.ui.WebUiTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Hooks through the REST API and the pages, delivering to a receiver on 127.0.0.1 (private targets allowed here):
 * signed, retried in order per repository, given up at the deadline, disabling a hook that keeps failing, with
 * history, redelivery and test events.
 */
@TestPropertySource(properties = {
        "wharf.index.webhooks.allow-private-targets=true",
        "wharf.index.webhooks.first-retry=50ms",
        "wharf.index.webhooks.max-retry=400ms",
        "wharf.index.webhooks.deadline=2s",
        "wharf.index.webhooks.disable-after=10",
        "wharf.index.webhooks.poll-interval=50ms",
})
class WebhooksApiAndPagesTest extends WebUiTestSupport {

    private static final String SECRET = "receiver-known-secret";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final Instant start = Instant.parse("2030-01-01T12:00:00Z");
    private WebhookReceiver receiver;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void aPushIsDeliveredSignedWithTheImageFacts() {
        String alice = createUser();
        String repository = alice + "/app";
        sendEvents(tagPush(repository, "v1", digest("a"), start));
        long hook = createHook(alice, repository, List.of("push"), SECRET);

        sendEvents(event("push", Map.of("mediaType", "application/vnd.oci.image.index.v1+json", "size", 700,
                "digest", digest("b"), "repository", repository, "tag", "v2",
                "platforms", List.of(Map.of("os", "linux", "architecture", "arm64", "variant", "v8"))),
                start.plusSeconds(1)));

        await().atMost(WAIT).until(() -> receiver.received.size() == 1);
        WebhookReceiver.Received delivery = receiver.received.get(0);
        String timestamp = delivery.header(WebhookSignature.TIMESTAMP_HEADER);
        assertThat(delivery.header(WebhookSignature.SIGNATURE_HEADER))
                .isEqualTo(WebhookSignature.sign(SECRET, Long.parseLong(timestamp), delivery.body()));
        assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp))).isLessThan(60);
        JsonPath body = JsonPath.from(delivery.body());
        assertThat(body.getString("id")).isEqualTo(delivery.header(WebhookSignature.DELIVERY_HEADER));
        assertThat(body.getString("event")).isEqualTo("push");
        assertThat(body.getString("repository.name")).isEqualTo(repository);
        assertThat(body.getString("tag")).isEqualTo("v2");
        assertThat(body.getString("digest")).isEqualTo(digest("b"));
        assertThat(body.getString("kind")).isEqualTo("index");
        assertThat(body.getList("platforms")).containsExactly(Map.of("os", "linux", "architecture", "arm64",
                "variant", "v8"));
        assertThat(body.getString("actor")).isEqualTo("someone");
        assertThat(body.getString("time")).isEqualTo("2030-01-01T12:00:01Z");
        assertThat(body.getString("pullCommand")).endsWith("/" + repository + ":v2");
        asUser(alice).get("/api/webhooks/{id}/attempts", hook)
                .then().statusCode(200).body("[0].statusCode", equalTo(200));
    }

    @Test
    void failedDeliveriesAreRetriedInOrderPerRepositoryEachDeliveredOnce() {
        String owner = createUser();
        String organization = createOrganization(owner);
        sendEvents(tagPush(organization + "/one", "v0", digest("0"), start));
        long hook = createOrganizationHook(owner, organization, List.of("push", "tag_delete"));
        receiver.failNext.set(2);

        sendEvents(tagPush(organization + "/one", "v1", digest("1"), start.plusSeconds(1)),
                tagPush(organization + "/one", "v2", digest("2"), start.plusSeconds(2)),
                event("delete", Map.of("repository", organization + "/one", "tag", "v1"), start.plusSeconds(3)));

        await().atMost(WAIT).until(() -> succeeded().size() == 3);
        List<JsonPath> delivered = succeeded();
        assertThat(delivered).extracting(body -> body.getString("event") + " " + body.getString("tag"))
                .containsExactly("push v1", "push v2", "tag_delete v1");
        assertThat(delivered).extracting(body -> body.getString("id")).doesNotHaveDuplicates();
        // The first delivery failed twice: the same id came three times, the other two once.
        assertThat(receiver.received).hasSize(5);
        asUser(owner).get("/api/webhooks/{id}/attempts", hook).then().statusCode(200)
                .body("statusCode", hasItem(503))
                .body("find { it.statusCode == 503 }.responseExcerpt",
                        equalTo("busy, session=[redacted] token=[redacted]"));
    }

    @Test
    void aDeliveryIsGivenUpAtItsDeadlineAndAHookThatKeepsFailingIsDisabledUntilEnabledAgain() {
        String alice = createUser();
        String repository = alice + "/app";
        sendEvents(tagPush(repository, "v0", digest("0"), start));
        long hook = createHook(alice, repository, List.of("push"), SECRET);
        receiver.failNext.set(1_000);

        sendEvents(tagPush(repository, "v1", digest("1"), start.plusSeconds(1)));
        await().atMost(WAIT).until(() -> "failed".equals(deliveryStates(alice, hook).get(0)));
        int attemptsUntilDeadline = receiver.received.size();
        assertThat(attemptsUntilDeadline).isBetween(2, 9);
        asUser(alice).get("/api/webhooks/{id}", hook).then().body("enabled", equalTo(true));

        sendEvents(tagPush(repository, "v2", digest("2"), start.plusSeconds(2)));
        await().atMost(WAIT).until(() -> Boolean.FALSE.equals(
                asUser(alice).get("/api/webhooks/{id}", hook).then().extract().path("enabled")));
        asUser(alice).get("/api/webhooks/{id}", hook).then()
                .body("consecutiveFailures", equalTo(10))
                .body("disabledReason", startsWith("Disabled after 10 failed deliveries in a row"));

        receiver.failNext.set(0);
        asUser(alice).contentType(ContentType.JSON).post("/api/webhooks/{id}/enable", hook)
                .then().statusCode(200).body("enabled", equalTo(true));
        await().atMost(WAIT).until(() -> succeeded().size() == 1);
        assertThat(succeeded().get(0).getString("tag")).isEqualTo("v2");
    }

    @Test
    void aTestEventAndARedeliveryReachTheReceiverSigned() {
        String owner = createUser();
        String organization = createOrganization(owner);
        long hook = createOrganizationHook(owner, organization, List.of("push"));
        String secret = asUser(owner).get("/api/webhooks/{id}", hook).then().extract().path("secret");
        assertThat(secret).as("the secret is shown once only").isNull();

        String ping = asUser(owner).contentType(ContentType.JSON).post("/api/webhooks/{id}/test", hook)
                .then().statusCode(202).extract().path("deliveryId");
        await().atMost(WAIT).until(() -> receiver.received.size() == 1);
        assertThat(receiver.received.get(0).header(WebhookSignature.EVENT_HEADER)).isEqualTo("ping");
        assertThat(receiver.received.get(0).header(WebhookSignature.DELIVERY_HEADER)).isEqualTo(ping);

        asUser(owner).contentType(ContentType.JSON)
                .post("/api/webhooks/{id}/deliveries/{delivery}/redeliver", hook, ping).then().statusCode(202);
        await().atMost(WAIT).until(() -> receiver.received.size() == 2);
        assertThat(receiver.received.get(1).body()).isEqualTo(receiver.received.get(0).body());
        assertThat(receiver.received.get(1).header(WebhookSignature.DELIVERY_HEADER)).isEqualTo(ping);
        asUser(owner).contentType(ContentType.JSON)
                .post("/api/webhooks/{id}/deliveries/{delivery}/redeliver", hook, "no-such-delivery")
                .then().statusCode(404);
    }

    @Test
    void onlyAdministratorsManageHooksBadSettingsAreRefusedByFieldAndChangesAreAudited() {
        String alice = createUser();
        String bob = createUser();
        String repository = alice + "/app";
        sendEvents(tagPush(repository, "v1", digest("a"), start));
        putCollaborator(alice, repository, bob, "write");
        long hook = createHook(alice, repository, List.of("push"), SECRET);

        asUser(bob).get("/api/webhooks?repository=" + repository).then().statusCode(403);
        asUser(bob).get("/api/webhooks/{id}", hook).then().statusCode(403);
        asUser(alice).get("/api/webhooks?repository=" + repository).then().statusCode(200)
                .body("id", contains((int) hook)).body("[0].secret", nullValue());
        asUser(alice).contentType(ContentType.JSON)
                .body(Map.of("url", "ftp://127.0.0.1/hook", "events", List.of("push", "teleport")))
                .post("/api/webhooks?repository=" + repository)
                .then().statusCode(400).body("fields[0].field", equalTo("url"));
        asUser(alice).contentType(ContentType.JSON).body(Map.of("url", receiver.url(), "events", List.of("teleport")))
                .post("/api/webhooks?repository=" + repository)
                .then().statusCode(400).body("fields[0].field", equalTo("events"));
        asUser(alice).contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url() + "?token=in-the-query", "events", List.of("push", "pull"),
                        "secret", "a-new-secret"))
                .put("/api/webhooks/{id}", hook).then().statusCode(200).body("events", contains("push", "pull"));
        asUser(alice).contentType(ContentType.JSON).post("/api/webhooks/{id}/disable", hook).then().statusCode(200);
        asUser(alice).contentType(ContentType.JSON).post("/api/webhooks/{id}/enable", hook).then().statusCode(200);
        asUser(alice).delete("/api/webhooks/{id}", hook).then().statusCode(204);
        asUser(alice).get("/api/webhooks/{id}", hook).then().statusCode(404);

        String log = asAdmin().queryParam("targetKind", "webhook").queryParam("target", repository + "#" + hook)
                .get("/api/admin/audit-log").then().statusCode(200)
                .body("entries.action", contains("webhook.deleted", "webhook.enabled", "webhook.disabled",
                        "webhook.updated", "webhook.created"))
                .body("entries.actor", everyItem(equalTo(alice)))
                .body("entries.find { it.action == 'webhook.updated' }.after.url", equalTo(receiver.url()))
                .body("entries.find { it.action == 'webhook.updated' }.after.signingKeyReplaced", equalTo(true))
                .extract().asString();
        assertThat(log).doesNotContain(SECRET).doesNotContain("a-new-secret").doesNotContain("in-the-query");
    }

    @Test
    void repositoryAdministratorsManageHooksOnTheirPages() throws Exception {
        String alice = createUser();
        String bob = createUser();
        String repository = alice + "/app";
        sendEvents(tagPush(repository, "v1", digest("a"), start));
        putCollaborator(alice, repository, bob, "write");
        MockHttpSession session = signIn(alice);

        Document list = page(mvc.perform(get("/r/" + repository + "/-/webhooks").session(session)).andReturn());
        assertThat(list.select("#new-webhook input[name=events]")).extracting(input -> input.attr("value"))
                .containsExactly("push", "tag_delete", "manifest_delete", "repository_delete", "pull");
        Document refused = page(mvc.perform(post("/webhooks/new").with(csrf()).session(session)
                .param("repository", repository).param("url", "ftp://127.0.0.1/hook").param("events", "push"))
                .andExpect(status().isOk()).andReturn());
        assertThat(fieldError(refused, "url")).isEqualTo("Webhooks need an http:// or https:// URL.");
        assertThat(refused.getElementById("url").attr("value")).isEqualTo("ftp://127.0.0.1/hook");

        MvcResult created = mvc.perform(post("/webhooks/new").with(csrf()).session(session)
                .param("repository", repository).param("url", receiver.url()).param("events", "push", "tag_delete")
                .param("format", "docker_hub")).andReturn();
        String hookPage = created.getResponse().getRedirectedUrl();
        Document shown = pageAfter(created, session);
        assertThat(shown.getElementById("secret-value").text()).hasSize(43);
        mvc.perform(get(hookPage).session(signIn(bob))).andExpect(status().isForbidden());

        mvc.perform(post(hookPage + "/test").with(csrf()).session(session)).andExpect(status().is3xxRedirection());
        await().atMost(WAIT).until(() -> receiver.received.size() == 1);
        assertThat(JsonPath.from(receiver.received.get(0).body()).getString("wharf_event")).isEqualTo("ping");
        await().atMost(WAIT).until(() -> !page(mvc.perform(get(hookPage).session(session)).andReturn())
                .select("#attempts tbody tr").isEmpty());
        Document history = page(mvc.perform(get(hookPage).session(session)).andReturn());
        assertThat(history.select("#attempts tbody tr td").eachText()).contains("ping", "200", "Delivered (200).");
        assertThat(history.select("#deliveries tbody tr button").text()).isEqualTo("Redeliver");
        assertThat(history.getElementById("secret-value")).isNull();

        Document disabled = pageAfter(mvc.perform(post(hookPage + "/disable").with(csrf()).session(session))
                .andReturn(), session);
        assertThat(disabled.getElementById("hook-state").text()).isEqualTo("Disabled by its owner.");
        Document enabled = pageAfter(mvc.perform(post(hookPage + "/enable").with(csrf()).session(session))
                .andReturn(), session);
        assertThat(enabled.getElementById("hook-state").text()).startsWith("Enabled");
        Document afterDelete = pageAfter(mvc.perform(post(hookPage + "/delete").with(csrf()).session(session))
                .andReturn(), session);
        assertThat(afterDelete.select("#webhooks")).isEmpty();
    }

    @Test
    void organizationAdministratorsFindTheOrganizationsHooksFromItsPage() throws Exception {
        String owner = createUser();
        String member = createUser();
        String organization = createOrganization(owner);
        putMember(organization, owner, member, "write");
        long hook = createOrganizationHook(owner, organization, List.of("push"));
        MockHttpSession session = signIn(owner);

        Document organizationPage = page(mvc.perform(get("/orgs/" + organization).session(session)).andReturn());
        String hooksAddress = organizationPage.getElementById("webhooks-link").attr("href");
        Document hooks = page(mvc.perform(get(hooksAddress).session(session)).andExpect(status().isOk()).andReturn());
        assertThat(hooks.select("#webhooks tbody tr").attr("data-hook")).isEqualTo(Long.toString(hook));
        assertThat(hooks.select("#new-webhook").attr("action")).isEqualTo("/webhooks/new?organization=" + organization);

        MockHttpSession memberSession = signIn(member);
        assertThat(page(mvc.perform(get("/orgs/" + organization).session(memberSession)).andReturn())
                .getElementById("webhooks-link")).isNull();
        mvc.perform(get(hooksAddress).session(memberSession)).andExpect(status().isForbidden());
    }

    private long createHook(String user, String repository, List<String> events, String secret) {
        return ((Number) asUser(user).contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url(), "events", events, "secret", secret))
                .post("/api/webhooks?repository=" + repository)
                .then().statusCode(201).body("secret", equalTo(secret))
                .extract().path("id")).longValue();
    }

    private long createOrganizationHook(String user, String organization, List<String> events) {
        return ((Number) asUser(user).contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url(), "events", events))
                .post("/api/webhooks?organization=" + organization)
                .then().statusCode(201).body("secret.length()", equalTo(43))
                .extract().path("id")).longValue();
    }

    private List<String> deliveryStates(String user, long hook) {
        return asUser(user).get("/api/webhooks/{id}/deliveries", hook).then().statusCode(200).extract().path("state");
    }

    /** The bodies the receiver answered 200, in the order they came. */
    private List<JsonPath> succeeded() {
        return receiver.received.stream().filter(request -> request.status() == 200)
                .map(request -> JsonPath.from(request.body()))
                .toList();
    }
}
