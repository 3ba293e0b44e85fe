package io.wharf.registry.search;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the registry reaches the index to answer {@code docker search} (defaults in application.yml).
 *
 * @param indexUrl base URL of the index, as this registry reaches it; {@code /v1/search} is appended
 * @param timeout for connecting to the index and for its answer
 */
@ConfigurationProperties("wharf.registry.search")
public record SearchProperties(URI indexUrl, Duration timeout) {
}
