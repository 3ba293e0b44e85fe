package io.wharf.registry.events;

import static io.wharf.registry.events.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Delivery survives endpoints that fail or are not there: events wait in the database, are retried with a growing
 * wait, and arrive once the endpoint accepts them, in the order of their repository's changes.
 */
class EventDeliveryTest extends EventsTestBase {

    @Autowired
    EventOutbox outbox;

    @AfterEach
    void receiverAcceptsAgain() {
        RECEIVER.answer(200);
    }

    @Test
    void aFailingEndpointGetsTheEventsAgainWithBackoffThenInOrder() {
        String repository = newRepository("retried");
        RECEIVER.answer(500);
        registry.pushImage(repository, "v1");
        registry.pushImage(repository, "v2");
        registry.pushImage(repository, "v3");

        eventually().until(() -> triesAbout(RECEIVER, repository).size() >= 4);
        List<EventReceiver.Delivery> tries = triesAbout(RECEIVER, repository);
        assertThat(tries).as("every try starts with the oldest event, the later ones (if any) follow it in order")
                .allSatisfy(delivery -> assertThat(tagsAbout(delivery, repository))
                        .isEqualTo(List.of("v1", "v2", "v3").subList(0, tagsAbout(delivery, repository).size())));
        // Waits of 200 ms, 400 ms, 800 ms after the first failures (plus up to a poll interval).
        assertThat(Duration.between(tries.get(0).at(), tries.get(1).at())).isGreaterThanOrEqualTo(millis(180));
        assertThat(Duration.between(tries.get(1).at(), tries.get(2).at())).isGreaterThanOrEqualTo(millis(380));
        assertThat(Duration.between(tries.get(2).at(), tries.get(3).at())).isGreaterThanOrEqualTo(millis(780));
        assertThat(attempts(RECEIVER_ENDPOINT, repository).get(0)).isGreaterThanOrEqualTo(3);

        RECEIVER.answer(200);
        eventually().until(() -> RECEIVER.acceptedEventsAbout(repository).size() == 3);
        assertThat(RECEIVER.acceptedEventsAbout(repository)).extracting(EventDeliveryTest::tag)
                .containsExactly("v1", "v2", "v3");
    }

    @Test
    void anEndpointNobodyListensOnGetsTheEventsOnceItComesUp() {
        String repository = newRepository("late");
        registry.pushImage(repository, "v1");
        registry.pushImage(repository, "v2");
        eventually().until(() -> attempts("late", repository).get(0) >= 2);

        try (EventReceiver late = EventReceiver.startOn(LATE_PORT)) {
            eventually().until(() -> late.acceptedEventsAbout(repository).size() == 2);
            assertThat(late.acceptedEventsAbout(repository)).extracting(EventDeliveryTest::tag)
                    .containsExactly("v1", "v2");
            assertThat(triesAbout(late, repository)).as("both waiting events of the repository in one envelope")
                    .singleElement().satisfies(delivery ->
                            assertThat(tagsAbout(delivery, repository)).containsExactly("v1", "v2"));
            assertThat(late.deliveries()).allSatisfy(delivery ->
                    assertThat(delivery.authorization()).isEqualTo("Bearer " + SECRET));
        }
    }

    @Test
    void aRepositoryWhoseOldestEventAnotherSenderHoldsSendsNoneOfItsLaterOnes() {
        String held = newRepository("held");
        String free = newRepository("free");
        registry.pushImage(held, "v1");
        registry.pushImage(held, "v2");
        registry.pushImage(free, "v1");
        // Nobody listens on the late endpoint: each event has failed once and waits for its next attempt.
        eventually().until(() -> attempts("late", held).stream().allMatch(tries -> tries >= 1)
                && attempts("late", free).get(0) >= 1);
        jdbc.sql("update event_delivery set claimed_until = :until where endpoint = 'late' and repository = :repository"
                        + " and event_seq = (select min(event_seq) from event_delivery where endpoint = 'late'"
                        + " and repository = :repository)")
                .param("until", OffsetDateTime.now().plusHours(1)).param("repository", held).update();

        // Later than any backoff (so every event is due), with a lease already run out (the sender keeps polling).
        Instant now = Instant.now().plusSeconds(5);
        List<String> claimed = outbox.claim("late", 100, now, Instant.EPOCH).stream()
                .map(event -> json(event.payload()).path("target").path("repository").asString()).toList();

        assertThat(claimed).as("the other sender holds the oldest event of one repository").doesNotContain(held)
                .contains(free);
    }

    @Test
    void deliveredEventsArePurgedOnceEveryEndpointHasThem() {
        String repository = newRepository("purged");
        registry.pushImage(repository, "v1");
        eventually().until(() -> RECEIVER.acceptedEventsAbout(repository).size() == 1);
        // The receiver has the event a moment before the sender records the delivery as done.
        eventually().until(() -> allDelivered(RECEIVER_ENDPOINT, repository));

        outbox.purgeDeliveredBefore(Instant.now().plusSeconds(60));

        assertThat(attempts(RECEIVER_ENDPOINT, repository)).as("delivered to the receiver: purged").isEmpty();
        assertThat(attempts("late", repository)).as("still owed to the late endpoint").hasSize(1);
        assertThat(jdbc.sql("select count(*) from event_outbox where repository = :repository")
                .param("repository", repository).query(Long.class).single()).isOne();
    }

    /** The deliveries to {@code receiver} that carried events about {@code repository}, in the order they came. */
    private static List<EventReceiver.Delivery> triesAbout(EventReceiver receiver, String repository) {
        return receiver.deliveries().stream()
                .filter(delivery -> !tagsAbout(delivery, repository).isEmpty())
                .toList();
    }

    private static List<String> tagsAbout(EventReceiver.Delivery delivery, String repository) {
        return delivery.events().stream()
                .filter(event -> repository.equals(event.path("target").path("repository").asString()))
                .map(EventDeliveryTest::tag)
                .toList();
    }

    private static String tag(JsonNode event) {
        return event.path("target").path("tag").asString();
    }

    private static Duration millis(long millis) {
        return Duration.ofMillis(millis);
    }
}
