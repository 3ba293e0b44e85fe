package io.wharf.registry.upload;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Upload sessions (defaults in application.yml).
 *
 * @param expireAfter a session idle this long is abandoned: garbage collection ends it and removes its data
 */
@ConfigurationProperties("wharf.registry.uploads")
public record UploadsProperties(@DefaultValue("24h") Duration expireAfter) {
}
