package io.wharf.registry.upload;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Upload sessions (defaults in application.yml).
 *
 * @param expireAfter a session idle this long is abandoned: garbage collection ends it and removes its data
 * @param appendLease how long a replica holds a session while a chunk streams, renewed at half-time: short, so a
 *     killed replica blocks a resume of its session for at most this long
 */
@ConfigurationProperties("wharf.registry.uploads")
public record UploadsProperties(@DefaultValue("24h") Duration expireAfter,
        @DefaultValue("30s") Duration appendLease) {
}
