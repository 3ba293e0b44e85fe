package io.wharf.index.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.http.ContentType;
import io.wharf.index.IndexAppTestSupport;
import io.wharf.index.IndexProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code POST /api/events}: the registry's notifications change the index's repository metadata. */
class RegistryEventApiTest extends IndexAppTestSupport {

    private static final String INDEX_MEDIA_TYPE = "application/vnd.oci.image.index.v1+json";

    private final Instant start = Instant.parse("2030-01-01T12:00:00Z");

    @Autowired
    ProcessedEvents processedEvents;

    @Autowired
    ProcessedEventPruning pruning;

    @Autowired
    IndexProperties properties;

    @Test
    void tagPushesRecordTheRepositoryWithItsTags() {
        String alice = createUser();
        String repository = alice + "/app";

        sendEvents(tagPush(repository, "latest", digest("a"), start));
        sendEvents(event("push", Map.of("mediaType", INDEX_MEDIA_TYPE, "size", 700, "digest", digest("multi"),
                "repository", repository, "tag", "v1",
                "platforms", List.of(Map.of("os", "linux", "architecture", "amd64"),
                        Map.of("os", "linux", "architecture", "arm64", "variant", "v8"))), start.plusSeconds(1)));

        asUser(alice).get("/api/repositories/" + repository)
                .then().statusCode(200)
                .body("visibility", equalTo("private"))
                .body("pushCount", equalTo(2))
                .body("pullCount", equalTo(0))
                .body("createdAt", equalTo("2030-01-01T12:00:00Z"))
                .body("lastPushedAt", equalTo("2030-01-01T12:00:01Z"));
        asUser(alice).get("/api/repositories/" + repository + "/-/tags")
                .then().statusCode(200)
                .body("name", contains("latest", "v1"))
                .body("[0].digest", equalTo(digest("a")))
                .body("[0].mediaType", equalTo(IMAGE_MANIFEST))
                .body("[0].size", equalTo(1234))
                .body("[0].platforms", empty())
                .body("[0].pushedAt", equalTo("2030-01-01T12:00:00Z"))
                .body("[1].mediaType", equalTo(INDEX_MEDIA_TYPE))
                .body("[1].platforms", equalTo(List.of(Map.of("os", "linux", "architecture", "amd64"),
                        Map.of("os", "linux", "architecture", "arm64", "variant", "v8"))));
        anonymous().get("/api/repositories/" + repository + "/-/tags").then().statusCode(404);
    }

    @Test
    void aTagPushMovesTheTagAndOlderLateEventsDoNotMoveItBack() {
        String alice = createUser();
        String repository = alice + "/app";

        sendEvents(tagPush(repository, "latest", digest("new"), start.plusSeconds(10)));
        sendEvents(tagPush(repository, "latest", digest("old"), start));

        asUser(alice).get("/api/repositories/" + repository + "/-/tags")
                .then().statusCode(200).body("digest", contains(digest("new")));
        sendEvents(event("delete", Map.of("repository", repository, "tag", "latest"), start.plusSeconds(5)));
        asUser(alice).get("/api/repositories/" + repository + "/-/tags")
                .then().statusCode(200).body("digest", contains(digest("new")));
    }

    @Test
    void deletesRemoveTagsManifestsAndRepositories() {
        String alice = createUser();
        String repository = alice + "/app";
        sendEvents(tagPush(repository, "latest", digest("a"), start),
                tagPush(repository, "stable", digest("a"), start),
                tagPush(repository, "v1", digest("b"), start),
                tagPush(repository, "v2", digest("c"), start));

        sendEvents(event("delete", Map.of("repository", repository, "tag", "v2"), start.plusSeconds(1)));
        asUser(alice).get("/api/repositories/" + repository + "/-/tags")
                .then().body("name", contains("latest", "stable", "v1"));

        sendEvents(event("delete", Map.of("repository", repository, "digest", digest("a")), start.plusSeconds(2)));
        asUser(alice).get("/api/repositories/" + repository + "/-/tags").then().body("name", contains("v1"));

        sendEvents(event("delete", Map.of("repository", repository), start.plusSeconds(3)));
        asUser(alice).get("/api/repositories/" + repository).then().statusCode(404);
    }

    @Test
    void aRepositoryDeletionAlsoEndsItsStarsAndCollaborators() {
        String alice = createUser();
        String bob = createUser();
        String repository = alice + "/app";
        sendEvents(tagPush(repository, "latest", digest("a"), start));
        putCollaborator(alice, repository, bob, "read");
        asUser(bob).put("/api/repositories/" + repository + "/-/star").then().statusCode(204);

        sendEvents(event("delete", Map.of("repository", repository), start.plusSeconds(1)));
        sendEvents(tagPush(repository, "latest", digest("a"), start.plusSeconds(2)));

        asUser(bob).get("/api/repositories/" + repository).then().statusCode(404);
        asUser(alice).get("/api/repositories/" + repository)
                .then().statusCode(200).body("starCount", equalTo(0)).body("pushCount", equalTo(1));
    }

    @Test
    void pullEventsAddTheirCountsAndImagePushesShowTheCompressedImageSize() {
        String alice = createUser();
        String repository = alice + "/app";
        sendEvents(event("push", Map.of("mediaType", IMAGE_MANIFEST, "size", 500, "imageSize", 7_340_032,
                "digest", digest("a"), "repository", repository, "tag", "latest"), start));
        sendEvents(event("pull", Map.of("repository", repository, "count", 3), start.plusSeconds(10)),
                event("pull", Map.of("repository", repository, "count", 2), start.plusSeconds(20)),
                // Distribution sends one pull event per request, without a count.
                event("pull", Map.of("repository", repository, "digest", digest("a")), start.plusSeconds(30)));

        asUser(alice).get("/api/repositories/" + repository).then().statusCode(200).body("pullCount", equalTo(6));
        asUser(alice).get("/api/repositories/" + repository + "/-/tags")
                .then().statusCode(200).body("[0].size", equalTo(7_340_032));
    }

    @Test
    void pullEventsCountPullsPerTagOncePerEvent() {
        String alice = createUser();
        String repository = alice + "/app";
        sendEvents(tagPush(repository, "latest", digest("a"), start), tagPush(repository, "v1", digest("a"), start));
        Map<String, Object> pull = event("pull", Map.of("repository", repository, "count", 5, "tags", Map.of(
                "latest", Map.of("count", 3, "lastPulledAt", "2030-01-01T12:00:08Z"),
                // Pulls of a tag the index does not hold count for the repository only.
                "gone", Map.of("count", 1, "lastPulledAt", "2030-01-01T12:00:09Z"))), start.plusSeconds(10));
        sendEvents(pull);
        sendEvents(pull);
        sendEvents(event("pull", Map.of("repository", repository, "count", 1, "tags", Map.of(
                "latest", Map.of("count", 1, "lastPulledAt", "2030-01-01T12:00:15Z"))), start.plusSeconds(20)));

        asUser(alice).get("/api/repositories/" + repository).then().statusCode(200).body("pullCount", equalTo(6));
        asUser(alice).get("/api/repositories/" + repository + "/-/tags").then().statusCode(200)
                .body("name", contains("latest", "v1"))
                .body("pullCount", contains(4, 0))
                .body("[0].lastPulledAt", equalTo("2030-01-01T12:00:15Z"))
                .body("[1].lastPulledAt", nullValue());
    }

    @Test
    void anEventDeliveredTwiceIsAppliedOnce() {
        String alice = createUser();
        Map<String, Object> push = tagPush(alice + "/app", "latest", digest("a"), start);

        sendEvents(push);
        sendEvents(push, push);

        asUser(alice).get("/api/repositories/" + alice + "/app").then().body("pushCount", equalTo(1));
        anonymous().header("Authorization", "Bearer " + EVENTS_SECRET).contentType(EVENTS_MEDIA_TYPE)
                .body(Map.of("events", List.of(push, tagPush(alice + "/app", "v1", digest("b"), start))))
                .post("/api/events")
                .then().statusCode(200).body("applied", equalTo(1)).body("duplicates", equalTo(1));
    }

    /** The events of one delivery are applied together; one the database refuses is left out, not the others. */
    @Test
    void anEventTheDatabaseRefusesDoesNotHoldBackTheOthersDeliveredWithIt() {
        String alice = createUser();
        String repository = alice + "/app";
        Map<String, Object> refused = event("push", Map.of("mediaType", "application/" + "x".repeat(300), "size", 1,
                "digest", digest("b"), "repository", repository, "tag", "v2"), start.plusSeconds(1));

        anonymous().header("Authorization", "Bearer " + EVENTS_SECRET).contentType(EVENTS_MEDIA_TYPE)
                .body(Map.of("events", List.of(tagPush(repository, "v1", digest("a"), start), refused,
                        tagPush(repository, "v3", digest("c"), start.plusSeconds(2)))))
                .post("/api/events")
                .then().statusCode(200).body("applied", equalTo(2));

        asUser(alice).get("/api/repositories/" + repository + "/-/tags")
                .then().statusCode(200).body("name", contains("v1", "v3"));
    }

    @Test
    void idsOfEventsAppliedLongerThanTheRetentionAgoArePrunedAndARecentRedeliveryIsStillSkipped() {
        String alice = createUser();
        Duration retention = properties.events().processedRetention();
        Instant now = Instant.now();
        String expired = UUID.randomUUID().toString();
        String withinRetention = UUID.randomUUID().toString();
        processedEvents.insert(new ProcessedEvent(expired, now.minus(retention).minus(Duration.ofHours(1))));
        processedEvents.insert(
                new ProcessedEvent(withinRetention, now.minus(retention).plus(Duration.ofHours(1))));
        Map<String, Object> push = tagPush(alice + "/app", "latest", digest("a"), start);
        sendEvents(push);

        assertThat(pruning.prune()).isGreaterThanOrEqualTo(1);

        assertThat(processedEvents.existsById(expired)).isFalse();
        assertThat(processedEvents.existsById(withinRetention)).isTrue();
        anonymous().header("Authorization", "Bearer " + EVENTS_SECRET).contentType(EVENTS_MEDIA_TYPE)
                .body(Map.of("events", List.of(push)))
                .post("/api/events")
                .then().statusCode(200).body("applied", equalTo(0)).body("duplicates", equalTo(1));
        asUser(alice).get("/api/repositories/" + alice + "/app").then().body("pushCount", equalTo(1));
    }

    @Test
    void eventsForNamespacesNobodyHoldsAndOtherActionsAreAcceptedAndIgnored() {
        String ghost = uniqueName("ghost");

        sendEvents(tagPush(ghost + "/app", "latest", digest("a"), start),
                tagPush("ab/app", "latest", digest("a"), start),
                event("pull", Map.of("repository", ghost + "/app", "digest", digest("a")), start));

        asAdmin().get("/api/repositories/" + ghost + "/app").then().statusCode(404);
    }

    @Test
    void aTopLevelPushIsRecordedInTheLibraryOrganization() {
        sendEvents(tagPush("library/busybox", "latest", digest("a"), start));

        asAdmin().get("/api/repositories/busybox").then().statusCode(200).body("name", equalTo("library/busybox"));
    }

    @Test
    void onlyTheRegistryWithTheSecretMaySendEvents() {
        String alice = createUser();
        Map<String, Object> envelope = Map.of("events", List.of(tagPush(alice + "/app", "latest", digest("a"), start)));

        anonymous().contentType(ContentType.JSON).body(envelope).post("/api/events")
                .then().statusCode(401).body("error", equalTo("unauthorized"));
        anonymous().header("Authorization", "Bearer wrong-secret").contentType(ContentType.JSON).body(envelope)
                .post("/api/events")
                .then().statusCode(401);
        asUser(alice).contentType(ContentType.JSON).body(envelope).post("/api/events").then().statusCode(401);
        asAdmin().get("/api/repositories/" + alice + "/app").then().statusCode(404);
    }

    @Test
    void malformedEnvelopesAreBadRequests() {
        for (String body : List.of("not json", "{}", "{\"events\": [{\"action\": \"push\"}]}",
                "{\"events\": [{\"id\": \"x\", \"action\": \"push\"}]}",
                "{\"events\": [{\"id\": \"x\", \"action\": \"push\", \"timestamp\": \"yesterday\", \"target\": {}}]}")) {
            anonymous().header("Authorization", "Bearer " + EVENTS_SECRET).contentType(EVENTS_MEDIA_TYPE).body(body)
                    .post("/api/events")
                    .then().statusCode(400).body("error", equalTo("malformed_body")).body("message", notNullValue());
        }
        // No body type at all: refused like every such POST to the API.
        anonymous().header("Authorization", "Bearer " + EVENTS_SECRET).post("/api/events").then().statusCode(415);
    }

    @Test
    void timestampsWithOffsetsAndTheDeprecatedLengthAreAccepted() {
        String alice = createUser();
        Map<String, Object> target = Map.of("mediaType", IMAGE_MANIFEST, "length", 99, "digest", digest("a"),
                "repository", alice + "/app", "tag", "latest");

        anonymous().header("Authorization", "Bearer " + EVENTS_SECRET).contentType(EVENTS_MEDIA_TYPE)
                .body(Map.of("events", List.of(Map.of("id", "offset-" + alice, "action", "push", "target", target,
                        "timestamp", "2030-01-01T14:00:00.123456789+02:00"))))
                .post("/api/events")
                .then().statusCode(200);

        asUser(alice).get("/api/repositories/" + alice + "/app/-/tags")
                .then().body("[0].size", equalTo(99)).body("[0].pushedAt", equalTo("2030-01-01T12:00:00.123456Z"));
    }
}
