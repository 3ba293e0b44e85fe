package io.wharf.index.webhook;

import io.wharf.index.audit.AuditTarget;
import io.wharf.index.audit.AuditTrail;
import io.wharf.index.error.ApiException;
import io.wharf.index.error.FieldProblem;
import io.wharf.index.org.Organizations;
import io.wharf.index.repository.RepositoryPath;
import io.wharf.index.repository.RepositoryPermissions;
import io.wharf.index.repository.RepositoryService;
import io.wharf.index.requester.Requester;
import io.wharf.index.requester.Requesters;
import io.wharf.index.requester.SecretTokens;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Hooks of repositories and organizations, managed by their administrators: a repository's admins manage its
 * hooks, an organization's admins those of the organization (told about every repository in it).
 */
@Service
public class WebhookService {

    private final Webhooks webhooks;
    private final WebhookDeliveries deliveries;
    private final WebhookAttempts attempts;
    private final WebhookOutbox outbox;
    private final WebhookTargets targets;
    private final WebhookProperties properties;
    private final RepositoryService repositories;
    private final RepositoryPermissions permissions;
    private final Organizations organizations;
    private final AuditTrail audit;
    private final Clock clock;

    WebhookService(Webhooks webhooks, WebhookDeliveries deliveries, WebhookAttempts attempts, WebhookOutbox outbox,
            WebhookTargets targets, WebhookProperties properties, RepositoryService repositories,
            RepositoryPermissions permissions, Organizations organizations, AuditTrail audit, Clock clock) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.attempts = attempts;
        this.outbox = outbox;
        this.targets = targets;
        this.properties = properties;
        this.repositories = repositories;
        this.permissions = permissions;
        this.organizations = organizations;
        this.audit = audit;
        this.clock = clock;
    }

    /** A repository's hooks (its own, not its organization's). */
    @Transactional(readOnly = true)
    public List<WebhookView> list(Requester requester, WebhookOwner owner) {
        administer(requester, owner);
        return webhooks.ownedBy(owner.namespace(), owner.repository()).stream()
                .map(hook -> WebhookView.of(hook, null)).toList();
    }

    @Transactional
    public WebhookView create(Requester requester, WebhookOwner owner, WebhookRequest request) {
        administer(requester, owner);
        Settings settings = settings(request);
        String secret = request.secret() == null || request.secret().isBlank()
                ? SecretTokens.generate("") : request.secret();
        long id = webhooks.insert(owner.namespace(), owner.repository(), settings.url(), secret, settings.events(),
                settings.format(), clock.instant());
        Webhook created = found(id);
        audit.record(requester, "webhook.created", auditTarget(created), Map.of(), auditValues(created));
        return WebhookView.of(created, secret);
    }

    @Transactional(readOnly = true)
    public WebhookView get(Requester requester, long id) {
        return WebhookView.of(administered(requester, id), null);
    }

    @Transactional
    public WebhookView update(Requester requester, long id, WebhookRequest request) {
        Webhook hook = administered(requester, id);
        Settings settings = settings(request);
        webhooks.update(hook.id(), settings.url(), settings.events(), settings.format());
        boolean newSecret = request.secret() != null && !request.secret().isBlank();
        if (newSecret) {
            webhooks.updateSecret(hook.id(), request.secret());
        }
        Webhook updated = found(id);
        Map<String, Object> after = new LinkedHashMap<>(auditValues(updated));
        after.put("signingKeyReplaced", newSecret);
        audit.record(requester, "webhook.updated", auditTarget(updated), auditValues(hook), after);
        return WebhookView.of(updated, null);
    }

    @Transactional
    public void delete(Requester requester, long id) {
        Webhook hook = administered(requester, id);
        webhooks.delete(hook.id());
        audit.record(requester, "webhook.deleted", auditTarget(hook), auditValues(hook), Map.of());
    }

    /** Enables the hook again: its failures are forgotten and its pending deliveries go at once. */
    @Transactional
    public WebhookView enable(Requester requester, long id) {
        Webhook hook = administered(requester, id);
        Instant now = clock.instant();
        webhooks.enable(hook.id());
        deliveries.resume(hook.id(), now, now.plus(properties.deadline()));
        audit.record(requester, "webhook.enabled", auditTarget(hook), Map.of("enabled", hook.enabled()),
                Map.of("enabled", true));
        return WebhookView.of(found(id), null);
    }

    @Transactional
    public WebhookView disable(Requester requester, long id) {
        Webhook hook = administered(requester, id);
        webhooks.disable(hook.id(), "Disabled by its owner.");
        audit.record(requester, "webhook.disabled", auditTarget(hook), Map.of("enabled", hook.enabled()),
                Map.of("enabled", false));
        return WebhookView.of(found(id), null);
    }

    /** Queues a ping to the hook, delivered like any event; returns its delivery id. */
    @Transactional
    public String sendTest(Requester requester, long id) {
        return outbox.enqueuePing(administered(requester, id));
    }

    /** Sends a delivery of the hook again, with the same id and body. */
    @Transactional
    public void redeliver(Requester requester, long id, String deliveryId) {
        Webhook hook = administered(requester, id);
        Instant now = clock.instant();
        if (!deliveries.redeliver(hook.id(), deliveryId, now, now.plus(properties.deadline()))) {
            throw ApiException.notFound("The hook has no delivery " + deliveryId + "; its history lists those it has.");
        }
    }

    /** The hook's last attempts, newest first. */
    @Transactional(readOnly = true)
    public List<WebhookAttempt> history(Requester requester, long id) {
        return attempts.ofHook(administered(requester, id).id());
    }

    /** The hook's last deliveries, newest first, with their state. */
    @Transactional(readOnly = true)
    public List<WebhookDelivery> deliveries(Requester requester, long id) {
        return deliveries.ofHook(administered(requester, id).id(), properties.historySize());
    }

    private Webhook administered(Requester requester, long id) {
        Webhook hook = webhooks.find(id)
                .orElseThrow(() -> ApiException.notFound("There is no webhook " + id + "."));
        administer(requester, WebhookOwner.of(hook));
        return hook;
    }

    private void administer(Requester requester, WebhookOwner owner) {
        if (owner.repository() != null) {
            RepositoryPath path = owner.path();
            repositories.get(requester, path);
            if (!permissions.mayAdminister(requester, path)) {
                throw Requesters.denied(requester, "only admins of " + path + " may manage its webhooks");
            }
        } else {
            if (organizations.findByName(owner.namespace()).isEmpty()) {
                throw ApiException.notFound("There is no organization " + owner.namespace() + ".");
            }
            if (!permissions.mayManageNamespace(requester, owner.namespace())) {
                throw Requesters.denied(requester, "only admins of " + owner.namespace() + " may manage its webhooks");
            }
        }
    }

    /** The hook as the audit log names it: by its repository or organization, where it is searched. */
    static AuditTarget auditTarget(Webhook hook) {
        return new AuditTarget("webhook", (hook.repository() != null ? hook.repository() : hook.namespace())
                + "#" + hook.id());
    }

    /** What the audit log keeps of a hook: never its secret, nor its URL's query (which may hold a token). */
    private static Map<String, Object> auditValues(Webhook hook) {
        URI url = URI.create(hook.url());
        String withoutQuery = url.getScheme() + "://" + url.getRawAuthority()
                + (url.getRawPath() == null ? "" : url.getRawPath());
        return Map.of("url", withoutQuery, "events", Webhook.encode(hook.events()),
                "format", hook.format().name().toLowerCase(Locale.ROOT),
                "enabled", hook.enabled());
    }

    private Webhook found(long id) {
        return webhooks.find(id).orElseThrow();
    }

    private Settings settings(WebhookRequest request) {
        String url = targets.check(request.url()).toString();
        Set<WebhookEvent> events = EnumSet.noneOf(WebhookEvent.class);
        for (String name : request.events()) {
            events.add(WebhookEvent.parse(name).filter(event -> event != WebhookEvent.PING).orElseThrow(() ->
                    ApiException.invalid(List.of(new FieldProblem("events", "Unknown event " + name
                            + "; choose from push, tag_delete, manifest_delete, repository_delete, pull.")))));
        }
        String format = request.format() == null || request.format().isBlank() ? "wharf" : request.format();
        PayloadFormat payloadFormat;
        try {
            payloadFormat = PayloadFormat.valueOf(format.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw ApiException.invalid(List.of(new FieldProblem("format",
                    "Unknown payload format " + format + "; choose wharf or docker_hub.")));
        }
        return new Settings(url, events, payloadFormat);
    }

    private record Settings(String url, Set<WebhookEvent> events, PayloadFormat format) {
    }
}
