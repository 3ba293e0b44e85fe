package io.wharf.index.webhook;

import io.wharf.index.audit.AuditActor;
import io.wharf.index.audit.AuditTrail;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due deliveries from the outbox: every {@code poll-interval} it claims as many as it has free threads (a
 * lease per delivery, so replicas never send one at once) and sends each on its own thread. An answer 2xx ends a
 * delivery; anything else is retried after a wait that doubles from {@code first-retry} up to {@code max-retry},
 * until {@code deadline} after it was queued. {@code disable-after} failures in a row disable the hook.
 */
@Component
@EnableScheduling
public class WebhookDispatcher implements SchedulingConfigurer, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final WebhookDeliveries deliveries;
    private final Webhooks webhooks;
    private final WebhookAttempts attempts;
    private final WebhookSender sender;
    private final AuditTrail audit;
    private final WebhookProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final String owner = UUID.randomUUID().toString();
    private final ExecutorService threads;
    private final Semaphore freeThreads;

    WebhookDispatcher(WebhookDeliveries deliveries, Webhooks webhooks, WebhookAttempts attempts, WebhookSender sender,
            AuditTrail audit, WebhookProperties properties, PlatformTransactionManager transactionManager,
            Clock clock) {
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.attempts = attempts;
        this.sender = sender;
        this.audit = audit;
        this.properties = properties;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.threads = Executors.newFixedThreadPool(properties.threads(), runnable -> {
            Thread thread = new Thread(runnable, "webhook-delivery");
            thread.setDaemon(true);
            return thread;
        });
        this.freeThreads = new Semaphore(properties.threads());
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        Duration interval = properties.pollInterval();
        tasks.addFixedDelayTask(new FixedDelayTask(this::pollLogged, interval, interval));
    }

    @Override
    public void destroy() {
        threads.shutdownNow();
    }

    private void pollLogged() {
        try {
            poll();
        } catch (RuntimeException failure) {
            log.warn("looking for webhook deliveries failed, next try in {}: {}", properties.pollInterval(),
                    failure.toString());
        }
    }

    /** Claims and starts the due deliveries this replica has threads for; returns how many. */
    int poll() {
        int free = freeThreads.availablePermits();
        if (free == 0) {
            return 0;
        }
        Instant now = clock.instant();
        Map<Long, Integer> claimedPerHook = new HashMap<>();
        int started = 0;
        for (WebhookDelivery delivery : deliveries.due(now, properties.concurrencyPerHook(), free * 4)) {
            // The query counted the leases held before this poll; these are the ones it adds.
            if (claimedPerHook.getOrDefault(delivery.webhookId(), 0) >= properties.concurrencyPerHook()
                    || !freeThreads.tryAcquire()) {
                continue;
            }
            if (!deliveries.claim(delivery.seq(), owner, now, now.plus(properties.lease()))) {
                freeThreads.release();
                continue;
            }
            claimedPerHook.merge(delivery.webhookId(), 1, Integer::sum);
            started++;
            threads.execute(() -> {
                try {
                    deliver(delivery);
                } catch (RuntimeException failure) {
                    log.warn("webhook delivery {} failed unexpectedly; it is retried when its lease ends: {}",
                            delivery.id(), failure.toString());
                } finally {
                    freeThreads.release();
                }
            });
        }
        return started;
    }

    private void deliver(WebhookDelivery delivery) {
        webhooks.find(delivery.webhookId()).ifPresent(hook -> {
            DeliveryResult result = sender.send(hook, delivery);
            transaction.executeWithoutResult(status -> record(hook, delivery, result));
        });
    }

    private void record(Webhook hook, WebhookDelivery delivery, DeliveryResult result) {
        if (result.succeeded()) {
            if (!deliveries.delivered(delivery.seq(), owner)) {
                return;
            }
            webhooks.recordSuccess(hook.id());
        } else {
            Instant next = clock.instant().plus(backoff(properties, delivery.attempts() + 1));
            if (!deliveries.failed(delivery.seq(), owner, next.isAfter(delivery.deadline()) ? null : next)) {
                return;
            }
            int failures = webhooks.recordFailure(hook.id());
            if (failures >= properties.disableAfter() && hook.enabled()) {
                webhooks.disable(hook.id(), "Disabled after " + failures + " failed deliveries in a row (the last: "
                        + result.outcome() + ") Fix the receiver, then enable the hook again.");
                audit.record(AuditActor.SYSTEM, "webhook.disabled", WebhookService.auditTarget(hook),
                        Map.of("enabled", true), Map.of("enabled", false, "failuresInARow", failures));
                log.info("disabled webhook {} of {} after {} failed deliveries in a row", hook.id(), hook.owner(),
                        failures);
            }
        }
        attempts.record(hook.id(), delivery, result, properties.historySize());
        deliveries.forgetFinished(hook.id(), properties.historySize());
    }

    /** The wait after the {@code failedAttempts}-th failed attempt: doubling from first-retry, at most max-retry. */
    static Duration backoff(WebhookProperties properties, int failedAttempts) {
        Duration wait = properties.firstRetry();
        for (int doubling = 1; doubling < failedAttempts && wait.compareTo(properties.maxRetry()) < 0; doubling++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(properties.maxRetry()) > 0 ? properties.maxRetry() : wait;
    }
}
