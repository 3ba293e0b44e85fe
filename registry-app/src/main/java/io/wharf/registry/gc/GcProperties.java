package io.wharf.registry.gc;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Online garbage collection (defaults in application.yml).
 *
 * @param scheduled whether collections run every {@code interval}; on demand through the admin API either way
 * @param interval pause between two scheduled collections
 * @param gracePeriod how long a blob or link stays after its last upload, mount or manifest push, whatever
 *         references it: longer than any push takes from its first blob to its manifest
 * @param untaggedManifestsAfter manifests no tag or index names, untouched by pushes this long, are removed (with a
 *         delete event); null (the default): never
 * @param pauseFactor after each range of candidates it reads, a collection waits this many times as long as the
 *         range took, leaving pushes and pulls the processor and database meanwhile; 0: no pauses
 */
@ConfigurationProperties("wharf.registry.gc")
public record GcProperties(@DefaultValue("true") boolean scheduled, @DefaultValue("1h") Duration interval,
        @DefaultValue("1h") Duration gracePeriod, Duration untaggedManifestsAfter,
        @DefaultValue("4") double pauseFactor) {
}
