package io.wharf.index.webhook;

import java.time.Duration;
import java.time.Instant;

/**
 * What one attempt to deliver came to.
 *
 * @param statusCode the receiver's status; null when no answer came
 */
record DeliveryResult(Instant startedAt, Duration duration, Integer statusCode, String outcome,
        String responseExcerpt) {

    boolean succeeded() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }

    static DeliveryResult noAnswer(Instant startedAt, Duration duration, String outcome) {
        return new DeliveryResult(startedAt, duration, null, outcome, null);
    }
}
