package io.wharf.index.event;

import io.wharf.index.image.SignedManifests;
import io.wharf.index.registry.Platform;
import io.wharf.index.registry.TagTarget;
import io.wharf.index.repository.RepositoryContents;
import io.wharf.index.repository.RepositoryPath;
import io.wharf.index.webhook.RepositoryChange;
import io.wharf.index.webhook.WebhookEvent;
import io.wharf.index.webhook.WebhookOutbox;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies the registry's events to the index's repository metadata, each exactly once: every event is
 * applied in one transaction together with recording its id and queuing its webhook deliveries, and an id
 * recorded before is skipped. The registry delivers at least once, so duplicates are normal.
 */
@Service
public class RegistryEventReceiver {

    private static final Logger log = LoggerFactory.getLogger(RegistryEventReceiver.class);
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final int MAX_DIGEST_LENGTH = 255;

    private final ProcessedEvents processedEvents;
    private final RepositoryContents contents;
    private final WebhookOutbox webhooks;
    private final SignedManifests signedManifests;
    private final ApplicationEventPublisher publisher;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public RegistryEventReceiver(ProcessedEvents processedEvents, RepositoryContents contents, WebhookOutbox webhooks,
            SignedManifests signedManifests, ApplicationEventPublisher publisher,
            PlatformTransactionManager transactionManager, Clock clock) {
        this.processedEvents = processedEvents;
        this.contents = contents;
        this.webhooks = webhooks;
        this.signedManifests = signedManifests;
        this.publisher = publisher;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /**
     * Applies the events in order, all in one transaction: one commit per delivery rather than per event (on
     * PostgreSQL each commit waits for its write-ahead log to reach the disk). If that fails, because an event is
     * being delivered concurrently or fails, they are applied one by one, each in its own transaction; an event that
     * fails unexpectedly then stops the rest, for the sender to retry.
     */
    public Receipt receive(List<RegistryEvent> events) {
        Tally tally;
        try {
            tally = transaction.execute(status -> applyEach(events, this::applyIfNew));
        } catch (RuntimeException oneOfThemFailed) {
            log.debug("Applying {} events together failed ({}); applying them one by one", events.size(),
                    oneOfThemFailed.toString());
            tally = applyEach(events, this::applyOnce);
        }
        if (tally.contentsChanged()) {
            publisher.publishEvent(new RepositoryContentsChanged());
        }
        return new Receipt(tally.applied(), tally.duplicates());
    }

    /** Applies the events in order with {@code application}, which says whether each was new. */
    private static Tally applyEach(List<RegistryEvent> events, Predicate<RegistryEvent> application) {
        Tally tally = Tally.NONE;
        for (RegistryEvent event : events) {
            tally = tally.plus(event, application.test(event));
        }
        return tally;
    }

    private boolean applyOnce(RegistryEvent event) {
        try {
            return Boolean.TRUE.equals(transaction.execute(status -> applyIfNew(event)));
        } catch (DataIntegrityViolationException deliveredConcurrently) {
            return false;
        }
    }

    /** Within the caller's transaction: false when the event was applied before. */
    private boolean applyIfNew(RegistryEvent event) {
        if (processedEvents.existsById(event.id())) {
            return false;
        }
        // Inserted first, so that a concurrent delivery of the same event waits for this one and then fails on the
        // primary key instead of applying it twice.
        processedEvents.insert(new ProcessedEvent(event.id(), clock.instant()));
        apply(event);
        return true;
    }

    private void apply(RegistryEvent event) {
        Optional<RepositoryPath> path = RepositoryPath.parse(event.target().repository());
        if (path.isEmpty()) {
            log.warn("Ignored event {}: repository {} has no namespace the index could hold it in",
                    event.id(), event.target().repository());
            return;
        }
        RegistryEvent.Target target = event.target();
        Instant at = timeOf(event);
        boolean recorded = switch (event.kind()) {
            case TAG_PUSH -> isValid(event) && contents.recordTagPush(path.get(), target.tag(), tagTarget(target), at);
            case MANIFEST_PUSH -> contents.recordManifestPush(path.get(), at);
            case TAG_DELETE -> {
                contents.removeTag(path.get(), target.tag(), at);
                yield true;
            }
            case MANIFEST_DELETE -> {
                contents.removeManifest(path.get(), target.digest(), at);
                yield true;
            }
            case REPOSITORY_DELETE -> {
                contents.removeRepository(path.get(), at);
                yield true;
            }
            case PULL -> {
                contents.recordPulls(path.get(), target.pulls(), target.tagPulls());
                yield true;
            }
            case NOT_RECORDED -> true;
        };
        if (!recorded) {
            log.warn("Ignored event {} ({} to {}): no user or organization holds namespace {}",
                    event.id(), event.action(), target.repository(), path.get().namespace());
            return;
        }
        forgetChangedReferrers(event, path.get());
        webhookEvent(event.kind()).ifPresent(kind -> webhooks.enqueue(new RepositoryChange(kind, path.get(),
                emptyToNull(target.tag()), emptyToNull(target.digest()), emptyToNull(target.mediaType()),
                tagTarget(target).platforms(), event.actorName(), at)));
    }

    /** What hooks hear of: a repository deleted by the index (the registry's event follows) too. */
    private static Optional<WebhookEvent> webhookEvent(RegistryEvent.Kind kind) {
        return Optional.ofNullable(switch (kind) {
            case TAG_PUSH -> WebhookEvent.PUSH;
            case TAG_DELETE -> WebhookEvent.TAG_DELETE;
            case MANIFEST_DELETE -> WebhookEvent.MANIFEST_DELETE;
            case REPOSITORY_DELETE -> WebhookEvent.REPOSITORY_DELETE;
            case PULL -> WebhookEvent.PULL;
            // Pushes by digest come for every child of an index pushed; the tag's push tells about them.
            case MANIFEST_PUSH, NOT_RECORDED -> null;
        });
    }

    /** Which manifests' referrers the registry may now answer differently for: a pushed referrer's subject, or any. */
    private void forgetChangedReferrers(RegistryEvent event, RepositoryPath path) {
        switch (event.kind()) {
            case TAG_PUSH, MANIFEST_PUSH -> {
                String subject = emptyToNull(event.target().subject());
                if (subject != null && subject.length() <= MAX_DIGEST_LENGTH) {
                    signedManifests.subjectChanged(path, subject);
                }
            }
            case MANIFEST_DELETE, REPOSITORY_DELETE -> signedManifests.forgetAll(path);
            case TAG_DELETE, PULL, NOT_RECORDED -> {
                // Tags and pulls change no manifest's referrers.
            }
        }
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static boolean isValid(RegistryEvent event) {
        RegistryEvent.Target target = event.target();
        boolean valid = TAG.matcher(target.tag()).matches()
                && target.digest() != null && !target.digest().isEmpty() && target.digest().length() <= MAX_DIGEST_LENGTH;
        if (!valid) {
            log.warn("Ignored push event {}: tag {} or digest {} is not valid", event.id(), target.tag(), target.digest());
        }
        return valid;
    }

    private static TagTarget tagTarget(RegistryEvent.Target target) {
        List<Platform> platforms = target.platforms() == null ? List.of() : target.platforms().stream()
                .flatMap(platform -> Platform.of(platform.os(), platform.architecture(), platform.variant()).stream())
                .toList();
        String mediaType = target.mediaType() == null ? "" : target.mediaType();
        return new TagTarget(target.digest(), mediaType, target.displaySize(), platforms);
    }

    /** The event's time, in the microseconds the database keeps, so that comparisons survive a round trip. */
    private Instant timeOf(RegistryEvent event) {
        Instant at = event.timestamp() == null ? clock.instant() : event.timestamp().toInstant();
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * @param applied events applied now (including those the index had nothing to record for)
     * @param duplicates events applied before, skipped
     */
    public record Receipt(int applied, int duplicates) {
    }

    /** A receipt being counted, and whether an applied event changed what a repository holds. */
    private record Tally(int applied, int duplicates, boolean contentsChanged) {

        static final Tally NONE = new Tally(0, 0, false);

        Tally plus(RegistryEvent event, boolean applied) {
            return applied
                    ? new Tally(this.applied + 1, duplicates, contentsChanged || event.kind() != RegistryEvent.Kind.PULL)
                    : new Tally(this.applied, duplicates + 1, contentsChanged);
        }
    }
}
