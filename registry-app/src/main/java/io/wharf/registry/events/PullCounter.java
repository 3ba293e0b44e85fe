package io.wharf.registry.events;

import io.wharf.contract.auth.TokenClaims;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Counts manifest pulls per repository and per tag in memory and reports them as one pull event per repository at
 * each {@code pull-report-interval}, so a pull costs an increment rather than a database write. Counts are
 * statistics: the few seconds' worth not yet reported when a process dies are lost, by design.
 *
 * <p>A pull is what a person means by one {@code docker pull}, as Docker Hub counts it: the version check and the
 * downloads it leads to. The docker engine resolves a tag with a HEAD and GETs the manifest (and an index's platform
 * manifest, by digest) only when it does not hold it already, so a pull of an image the engine has, or had before a
 * {@code docker rmi}, is a HEAD alone, and skopeo GETs the tag and then the platform manifest. So a HEAD or GET by
 * tag and a GET by digest start a pull, and the requests of one requester for one repository within
 * {@code pull-window} of the pull's first are that same pull. A HEAD by digest only checks content the client
 * already named, and is no pull.
 *
 * <p>A pull that starts by tag counts for that tag too. A pull that starts by digest counts for the repository
 * only: the client named content, not a tag, and finding the tags that point at it would cost a lookup per pull.
 */
@Component
public class PullCounter {

    private static final Logger log = LoggerFactory.getLogger(PullCounter.class);

    /** Who pulls what: the requests of one pull share it. */
    private record Puller(String repository, String requester) {
    }

    private final Map<String, RepositoryPulls> pulls = new ConcurrentHashMap<>();
    private final Map<Puller, Instant> pullsUnderWay = new ConcurrentHashMap<>();
    private final RegistryEvents events;
    private final Clock clock;
    private final Duration window;

    PullCounter(RegistryEvents events, Clock clock,
            @Value("${wharf.registry.events.pull-window}") Duration window) {
        this.events = events;
        this.clock = clock;
        this.window = window;
    }

    /**
     * Counts a manifest request as a pull, unless it belongs to a pull already counted (see the class comment).
     *
     * @param requester a token's subject, or for anonymous requests the client's address; the index's own reads
     *     (a reconciliation) are not pulls
     * @param tag the tag the request names, or {@code null} for a request by digest
     */
    public void manifestRequested(String repository, String requester, boolean head, String tag) {
        boolean byDigest = tag == null;
        if (TokenClaims.INDEX_SUBJECT.equals(requester) || (head && byDigest)) {
            return;
        }
        Instant now = clock.instant();
        Puller puller = new Puller(repository, requester);
        Instant underWay = pullsUnderWay.get(puller);
        if (underWay != null && now.isBefore(underWay.plus(window))) {
            // The common case, every request after a pull's first: a read, without the lock compute takes, which
            // clients pulling one repository with one token would all queue on.
            return;
        }
        boolean[] started = {false};
        pullsUnderWay.compute(puller, (key, start) -> {
            if (start != null && now.isBefore(start.plus(window))) {
                return start;
            }
            started[0] = true;
            return now;
        });
        if (started[0]) {
            pulls.computeIfAbsent(repository, name -> new RepositoryPulls()).count(tag, now);
        }
    }

    @Scheduled(fixedDelayString = "${wharf.registry.events.pull-report-interval}")
    void report() {
        Instant ended = clock.instant().minus(window);
        pullsUnderWay.values().removeIf(start -> start.isBefore(ended));
        for (String repository : pulls.keySet()) {
            RepositoryPulls counted = pulls.remove(repository);
            if (counted == null || counted.total.sum() == 0) {
                continue;
            }
            long count = counted.total.sum();
            Map<String, Event.TagPulls> tags = counted.tagPulls();
            try {
                events.pulled(repository, count, tags);
            } catch (RuntimeException failed) {
                // Keep the counts for the next report rather than drop them.
                pulls.computeIfAbsent(repository, name -> new RepositoryPulls()).add(count, tags);
                log.warn("could not record {} pulls of {}: {}", count, repository, failed.toString());
            }
        }
    }

    /** The pulls of one repository since the last report: all of them, and those that started by a tag. */
    private static final class RepositoryPulls {

        private final LongAdder total = new LongAdder();
        private final Map<String, TagPulls> byTag = new ConcurrentHashMap<>();

        void count(String tag, Instant at) {
            total.increment();
            if (tag != null) {
                byTag.computeIfAbsent(tag, name -> new TagPulls()).count(1, at);
            }
        }

        void add(long count, Map<String, Event.TagPulls> tags) {
            total.add(count);
            tags.forEach((tag, reported) ->
                    byTag.computeIfAbsent(tag, name -> new TagPulls()).count(reported.count(), reported.lastPulledAt()));
        }

        Map<String, Event.TagPulls> tagPulls() {
            Map<String, Event.TagPulls> reported = new TreeMap<>();
            byTag.forEach((tag, counted) -> reported.put(tag, counted.report()));
            return reported;
        }
    }

    private static final class TagPulls {

        private final LongAdder count = new LongAdder();
        private volatile Instant lastPulledAt = Instant.EPOCH;

        void count(long pulls, Instant at) {
            count.add(pulls);
            synchronized (this) {
                if (at.isAfter(lastPulledAt)) {
                    lastPulledAt = at;
                }
            }
        }

        Event.TagPulls report() {
            return new Event.TagPulls(count.sum(), lastPulledAt);
        }
    }
}
