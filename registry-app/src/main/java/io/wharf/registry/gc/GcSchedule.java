package io.wharf.registry.gc;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/** Runs a collection every {@code wharf.registry.gc.interval}, the first one interval after start-up. */
@Component
@EnableScheduling
class GcSchedule implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(GcSchedule.class);
    /** The actor of scheduled collections in the audit log. */
    private static final String SCHEDULER = "wharf-scheduler";

    private final GarbageCollector collector;
    private final GcProperties properties;

    GcSchedule(GarbageCollector collector, GcProperties properties) {
        this.collector = collector;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        if (properties.scheduled()) {
            tasks.addFixedDelayTask(new FixedDelayTask(this::collect, properties.interval(), properties.interval()));
        }
    }

    private void collect() {
        try {
            collector.collect(false, SCHEDULER);
        } catch (IOException | RuntimeException failure) {
            log.warn("garbage collection failed, next try in {}: {}", properties.interval(), failure.toString());
        }
    }
}
