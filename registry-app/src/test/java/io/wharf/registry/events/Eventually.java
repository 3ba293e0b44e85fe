package io.wharf.registry.events;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/** The bounded wait of the events tests: at most 15 seconds, looking every 50 ms. */
final class Eventually {

    private Eventually() {
    }

    static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50));
    }
}
