package io.wharf.registry.gc;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Runs a collection every {@code wharf.registry.gc.interval}, the first one interval after start-up; with several
 * replicas, one at a time and one per interval ({@link GcLease}).
 */
@Component
@EnableScheduling
class GcSchedule implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(GcSchedule.class);
    /** The actor of scheduled collections in the audit log. */
    private static final String SCHEDULER = "wharf-scheduler";

    private final GarbageCollector collector;
    private final GcProperties properties;
    private final GcLease lease;

    GcSchedule(GarbageCollector collector, GcProperties properties, GcLease lease) {
        this.collector = collector;
        this.properties = properties;
        this.lease = lease;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        if (properties.scheduled()) {
            tasks.addFixedDelayTask(new FixedDelayTask(this::collect, properties.interval(), properties.interval()));
        }
    }

    private void collect() {
        try {
            if (!lease.take()) {
                log.debug("garbage collection skipped: another replica collects, or did within {}",
                        properties.interval());
                return;
            }
            lease.hold(this::collectNow, properties.interval());
        } catch (RuntimeException failure) {
            log.warn("garbage collection failed, next try in {}: {}", properties.interval(), failure.toString());
        }
    }

    private void collectNow() {
        try {
            collector.collect(false, SCHEDULER);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
