package io.wharf.index.webhook;

import java.time.Instant;
import java.util.List;

/**
 * A hook as the API and the pages show it. The secret is never shown again after it was made.
 *
 * @param repository the repository's full name; null for an organization's hook
 * @param secret only in the answer to a create that generated it
 */
public record WebhookView(long id, String namespace, String repository, String url, List<String> events,
        String format, boolean enabled, String disabledReason, int consecutiveFailures, Instant createdAt,
        String secret) {

    static WebhookView of(Webhook hook, String secret) {
        return new WebhookView(hook.id(), hook.namespace(), hook.repository(), hook.url(),
                hook.events().stream().map(WebhookEvent::wireName).toList(), hook.format().name().toLowerCase(),
                hook.enabled(), hook.disabledReason(), hook.consecutiveFailures(), hook.createdAt(), secret);
    }
}
