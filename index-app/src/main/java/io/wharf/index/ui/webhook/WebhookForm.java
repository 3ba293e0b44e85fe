package io.wharf.index.ui.webhook;

import io.wharf.index.webhook.WebhookRequest;
import java.util.List;

/** What the hook form holds, as typed. */
public record WebhookForm(String url, List<String> events, String format) {

    static WebhookForm empty() {
        return new WebhookForm("", List.of("push"), "wharf");
    }

    static WebhookForm of(String url, List<String> events, String format) {
        return new WebhookForm(url == null ? "" : url.strip(), events == null ? List.of() : events,
                format == null ? "wharf" : format);
    }

    WebhookRequest request(String secret) {
        return new WebhookRequest(url, events, format, secret == null || secret.isBlank() ? null : secret.strip());
    }

    public boolean has(String event) {
        return events.contains(event);
    }
}
