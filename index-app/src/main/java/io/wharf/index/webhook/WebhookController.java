package io.wharf.index.webhook;

import io.wharf.index.requester.Requester;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/webhooks}: hooks of a repository ({@code ?repository=acme/app}) or an organization
 * ({@code ?organization=acme}), then each by its id. See docs/index-api.md.
 */
@RestController
@RequestMapping("/api/webhooks")
public class WebhookController {

    private final WebhookService webhooks;

    public WebhookController(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @GetMapping
    public List<WebhookView> list(Requester requester, @RequestParam(required = false) String repository,
            @RequestParam(required = false) String organization) {
        return webhooks.list(requester, WebhookOwner.parse(repository, organization));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public WebhookView create(Requester requester, @RequestParam(required = false) String repository,
            @RequestParam(required = false) String organization, @Valid @RequestBody WebhookRequest request) {
        return webhooks.create(requester, WebhookOwner.parse(repository, organization), request);
    }

    @GetMapping("/{id}")
    public WebhookView get(Requester requester, @PathVariable long id) {
        return webhooks.get(requester, id);
    }

    @PutMapping("/{id}")
    public WebhookView update(Requester requester, @PathVariable long id, @Valid @RequestBody WebhookRequest request) {
        return webhooks.update(requester, id, request);
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(Requester requester, @PathVariable long id) {
        webhooks.delete(requester, id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/enable")
    public WebhookView enable(Requester requester, @PathVariable long id) {
        return webhooks.enable(requester, id);
    }

    @PostMapping("/{id}/disable")
    public WebhookView disable(Requester requester, @PathVariable long id) {
        return webhooks.disable(requester, id);
    }

    @PostMapping("/{id}/test")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Map<String, String> sendTest(Requester requester, @PathVariable long id) {
        return Map.of("deliveryId", webhooks.sendTest(requester, id));
    }

    @GetMapping("/{id}/deliveries")
    public List<DeliveryView> deliveries(Requester requester, @PathVariable long id) {
        return webhooks.deliveries(requester, id).stream().map(DeliveryView::of).toList();
    }

    @GetMapping("/{id}/attempts")
    public List<WebhookAttempt> attempts(Requester requester, @PathVariable long id) {
        return webhooks.history(requester, id);
    }

    @PostMapping("/{id}/deliveries/{deliveryId}/redeliver")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Map<String, String> redeliver(Requester requester, @PathVariable long id, @PathVariable String deliveryId) {
        webhooks.redeliver(requester, id, deliveryId);
        return Map.of("deliveryId", deliveryId);
    }

    /** A delivery without its body. */
    public record DeliveryView(String id, String event, String repository, String state, int attempts,
            Instant createdAt) {

        static DeliveryView of(WebhookDelivery delivery) {
            return new DeliveryView(delivery.id(), delivery.event().wireName(), delivery.repository(),
                    delivery.state().name().toLowerCase(), delivery.attempts(), delivery.createdAt());
        }
    }
}
