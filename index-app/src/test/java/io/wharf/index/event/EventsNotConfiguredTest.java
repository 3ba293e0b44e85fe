package io.wharf.index.event;

import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.wharf.index.IndexAppTestSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Without an events secret the index takes no events at all. */
class EventsNotConfiguredTest extends IndexAppTestSupport {

    @DynamicPropertySource
    static void noSecret(DynamicPropertyRegistry registry) {
        registry.add("wharf.index.events.secret", () -> "");
    }

    @Test
    void eventsAreRefusedAsUnavailable() {
        for (String authorization : List.of("Bearer " + EVENTS_SECRET, "Bearer ")) {
            anonymous().header("Authorization", authorization).contentType(ContentType.JSON)
                    .body(Map.of("events", List.of()))
                    .post("/api/events")
                    .then().statusCode(503).body("error", equalTo("service_unavailable"));
        }
    }
}
