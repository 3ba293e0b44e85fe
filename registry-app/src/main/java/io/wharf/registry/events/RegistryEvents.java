package io.wharf.registry.events;

import io.wharf.contract.image.ImageManifest;
import io.wharf.contract.image.Platform;
import io.wharf.registry.auth.Requester;
import io.wharf.registry.repository.RepositoryContentChanged;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records what changed in the registry as events for the configured endpoints. Every method must run inside the
 * transaction of the change it describes, so that the event commits (or rolls back) with it.
 *
 * <p>The request and the actor come from the request being served on this thread, when there is one: the
 * services that make changes do not carry the HTTP request around.
 */
@Component
public class RegistryEvents {

    /** One id per request, shared by the events it causes. */
    private static final String REQUEST_ID_ATTRIBUTE = RegistryEvents.class.getName() + ".requestId";

    private final EventOutbox outbox;
    private final JsonMapper json;
    private final Clock clock;
    private final Environment environment;
    private final String instanceId = UUID.randomUUID().toString();
    private final String hostName = localHostName();

    private final ApplicationEventPublisher changes;
    private final ImageConfigPlatform imageConfigPlatform;

    RegistryEvents(EventOutbox outbox, JsonMapper json, Clock clock, Environment environment,
            ApplicationEventPublisher changes, ImageConfigPlatform imageConfigPlatform) {
        this.outbox = outbox;
        this.changes = changes;
        this.imageConfigPlatform = imageConfigPlatform;
        this.json = json;
        this.clock = clock;
        this.environment = environment;
    }

    /** A manifest was pushed, by digest ({@code tag} null) or under a tag. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void manifestPushed(String repository, String digest, String mediaType, byte[] payload, String tag) {
        manifestPushedBy(null, repository, digest, mediaType, payload, tag);
    }

    /**
     * A manifest was stored on behalf of {@code actor} (a pull-through cache's {@code proxy:<name>}) rather than of
     * the requester; null: the requester.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void manifestPushedBy(String actor, String repository, String digest, String mediaType, byte[] payload,
            String tag) {
        long size = payload.length;
        ImageManifest manifest = ImageManifest.of(mediaType, json.readTree(payload));
        List<Platform> platforms = manifest.platforms(imageConfigPlatform::of);
        OptionalLong imageSize = manifest.imageSize();
        // An image or artifact without a known platform leaves the field out; an index lists its platforms, if none.
        record(Event.PUSH, new Event.Target(mediaType, size, digest, size, repository,
                manifestUrl(repository, digest), tag, platforms.isEmpty() && !manifest.isIndex() ? null : platforms,
                imageSize.isPresent() ? imageSize.getAsLong() : null, null, null, manifest.subject().orElse(null)), actor);
    }

    /** One tag was removed; the manifest it pointed at stays. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void tagDeleted(String repository, String tag) {
        record(Event.DELETE, Event.Target.ofTag(repository, tag));
    }

    /** A manifest was removed, and with it every tag pointing at it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void manifestDeleted(String repository, String digest) {
        manifestDeletedBy(null, repository, digest);
    }

    /** A manifest was removed on behalf of {@code actor} (a cache evicting it); null: the requester. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void manifestDeletedBy(String actor, String repository, String digest) {
        record(Event.DELETE, Event.Target.ofManifest(repository, digest), actor);
    }

    /** A whole repository was removed: a delete whose target names only the repository. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void repositoryDeleted(String repository) {
        record(Event.DELETE, Event.Target.ofRepository(repository));
    }

    /**
     * {@code count} manifests were pulled from the repository since the last such event; {@code tags} counts those
     * that started by a tag, per tag (left out when none did).
     */
    @Transactional
    public void pulled(String repository, long count, Map<String, Event.TagPulls> tags) {
        record(Event.PULL, Event.Target.ofPulls(repository, count, tags.isEmpty() ? null : tags));
    }

    private void record(String action, Event.Target target) {
        record(action, target, null);
    }

    private void record(String action, Event.Target target, String actor) {
        Optional<HttpServletRequest> request = currentRequest();
        Event event = new Event(UUID.randomUUID().toString(), clock.instant().toString(), action, target,
                request.map(RegistryEvents::requestRecord).orElse(Event.RequestRecord.NONE),
                new Event.Actor(actor != null ? actor : request.map(Requester::nameOf).orElse("")),
                new Event.Source(sourceAddress(), instanceId));
        outbox.append(target.repository(), event);
        // Every change to tags and manifests records an event: the one place that announces the change.
        if (!Event.PULL.equals(action)) {
            changes.publishEvent(new RepositoryContentChanged(target.repository()));
        }
    }

    private static String manifestUrl(String repository, String digest) {
        return currentRequest()
                .map(request -> ServletUriComponentsBuilder.fromContextPath(request)
                        .path("/v2/" + repository + "/manifests/" + digest).toUriString())
                .orElse(null);
    }

    private static Event.RequestRecord requestRecord(HttpServletRequest request) {
        String id = (String) request.getAttribute(REQUEST_ID_ATTRIBUTE);
        if (id == null) {
            id = UUID.randomUUID().toString();
            request.setAttribute(REQUEST_ID_ATTRIBUTE, id);
        }
        return new Event.RequestRecord(id, request.getRemoteAddr() + ":" + request.getRemotePort(),
                request.getHeader(HttpHeaders.HOST), request.getMethod(), request.getHeader(HttpHeaders.USER_AGENT));
    }

    private static Optional<HttpServletRequest> currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? Optional.of(attributes.getRequest()) : Optional.empty();
    }

    /** {@code host:port} of this registry; the port is known once the web server listens. */
    private String sourceAddress() {
        String port = environment.getProperty("local.server.port");
        return port == null ? hostName : hostName + ":" + port;
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException unknown) {
            return "localhost";
        }
    }
}
