package io.wharf.index.webhook;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings under {@code wharf.index.webhooks}; the defaults, explained, are in {@code application.yml}.
 *
 * @param allowPrivateTargets whether hooks may target private, loopback, link-local and similar addresses
 * @param connectTimeout how long a delivery waits for the receiver's connection
 * @param readTimeout how long a delivery waits for the receiver's answer
 * @param firstRetry the wait after a delivery's first failed attempt; it doubles with each further failure
 * @param maxRetry the longest wait between two attempts
 * @param deadline how long after it was queued a delivery is given up (after its last failed attempt)
 * @param disableAfter failed attempts in a row after which a hook is disabled
 * @param concurrencyPerHook deliveries of one hook in flight at once, across replicas
 * @param historySize attempts kept per hook for its page
 * @param responseExcerpt bytes of the receiver's answer read and kept (the rest is not read)
 * @param pollInterval how often a replica looks for due deliveries
 * @param lease how long a replica holds a claimed delivery; longer than connect plus read timeout
 * @param threads deliveries one replica sends at once
 */
@ConfigurationProperties("wharf.index.webhooks")
@Validated
public record WebhookProperties(
        boolean allowPrivateTargets,
        @NotNull @DurationMin(millis = 100) Duration connectTimeout,
        @NotNull @DurationMin(millis = 100) Duration readTimeout,
        @NotNull @DurationMin(millis = 10) Duration firstRetry,
        @NotNull @DurationMin(millis = 10) Duration maxRetry,
        @NotNull @DurationMin(seconds = 1) Duration deadline,
        @Positive int disableAfter,
        @Positive int concurrencyPerHook,
        @Positive int historySize,
        @Positive int responseExcerpt,
        @NotNull @DurationMin(millis = 10) Duration pollInterval,
        @NotNull @DurationMin(seconds = 1) Duration lease,
        @Positive int threads) {
}
