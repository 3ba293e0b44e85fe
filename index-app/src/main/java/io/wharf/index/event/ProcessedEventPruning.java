package io.wharf.index.event;

import io.wharf.index.IndexProperties;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Forgets the ids of applied registry events once older than {@code wharf.index.events.processed-retention}: a
 * redelivery comes within minutes of the delivery the index applied (see application.yml), so the table needs only
 * the recent ones. Hourly, the first time a minute after start-up; replicas may prune at once (one DELETE each).
 */
@Component
@EnableScheduling
public class ProcessedEventPruning implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ProcessedEventPruning.class);
    private static final Duration INTERVAL = Duration.ofHours(1);
    private static final Duration FIRST_AFTER = Duration.ofMinutes(1);

    private final ProcessedEvents processedEvents;
    private final Duration retention;
    private final Clock clock;

    public ProcessedEventPruning(ProcessedEvents processedEvents, IndexProperties properties, Clock clock) {
        this.processedEvents = processedEvents;
        this.retention = properties.events().processedRetention();
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(new FixedDelayTask(this::pruneLogged, INTERVAL, FIRST_AFTER));
    }

    /** Deletes the ids of events applied longer than the retention ago; returns how many. */
    public int prune() {
        return processedEvents.deleteProcessedBefore(clock.instant().minus(retention));
    }

    private void pruneLogged() {
        try {
            int pruned = prune();
            log.debug("forgot {} registry events applied more than {} ago", pruned, retention);
        } catch (RuntimeException failure) {
            log.warn("pruning applied registry events failed, next try in {}: {}", INTERVAL, failure.toString());
        }
    }
}
