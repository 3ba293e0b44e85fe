package io.wharf.registry.upload;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Upload sessions (defaults in application.yml).
 *
 * @param expireAfter a session idle this long is abandoned: garbage collection ends it and removes its data
 * @param appendLease how long a replica holds a session while a chunk streams, renewed at half-time: short, so a
 *     killed replica blocks a resume of its session for at most this long
 * @param copyBufferMemory heap for the whole copy buffers of uploads in progress (two of 256 KiB each); uploads beyond
 *     it copy through small ones
 */
@ConfigurationProperties("wharf.registry.uploads")
public record UploadsProperties(@DefaultValue("24h") Duration expireAfter,
        @DefaultValue("30s") Duration appendLease, @DefaultValue("16MB") DataSize copyBufferMemory) {
}
