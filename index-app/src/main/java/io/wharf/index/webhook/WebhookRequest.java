package io.wharf.index.webhook;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A hook to create, or its new settings.
 *
 * @param events what the hook is told about: {@code push}, {@code tag_delete}, {@code manifest_delete},
 *     {@code repository_delete}, {@code pull}
 * @param format {@code wharf} (default) or {@code docker_hub}
 * @param secret the signing secret; blank on create: the index makes one (shown once); null on update: unchanged
 */
public record WebhookRequest(
        @NotBlank(message = "Enter the URL deliveries go to.")
        @Size(max = 2048, message = "The URL is too long.") String url,
        @NotEmpty(message = "Choose at least one event.") List<String> events,
        String format,
        @Size(max = 255, message = "The secret may have at most 255 characters.") String secret) {
}
