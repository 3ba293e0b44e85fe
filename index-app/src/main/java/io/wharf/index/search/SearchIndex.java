package io.wharf.index.search;

import io.wharf.index.repository.ImageRepositories;
import io.wharf.index.repository.RepositoryListingChanged;
import io.wharf.index.repository.Stars;
import io.wharf.index.repository.Visibility;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Every repository as search matches it, held in memory: comparing a query with each row in the database took
 * 70 ms at 100,000 repositories, and 16 searches at once queued behind each other. A search reads the database only
 * for what the snapshot cannot know:
 * <ul>
 * <li>repositories created since it was read, by their ids, which only grow (on PostgreSQL, one whose creation
 * commits while a snapshot is read, with an id below one it read, waits for the next snapshot);</li>
 * <li>the rows of the page it shows, fresh, so a repository deleted or made private since is never shown.</li>
 * </ul>
 * A change to a listed repository in this process ({@link RepositoryListingChanged}, after its commit) has the next
 * search read a new snapshot. Changes through another index replica sharing the database reach this one's ranking
 * within {@code wharf.index.search.refresh}, when a search reads a new snapshot while others use the old one.
 */
@Component
public class SearchIndex {

    /** New repositories a search reads beside its snapshot before one search reads a new snapshot. */
    static final int MAX_NEWER = 1000;

    private final ImageRepositories repositories;
    private final Stars stars;
    private final Duration refresh;
    private final Clock clock;
    private final AtomicLong changes = new AtomicLong();
    private final ReentrantLock reading = new ReentrantLock();
    private volatile Snapshot snapshot;

    public SearchIndex(ImageRepositories repositories, Stars stars,
            @Value("${wharf.index.search.refresh:60s}") Duration refresh, Clock clock) {
        this.repositories = repositories;
        this.stars = stars;
        this.refresh = refresh;
        this.clock = clock;
    }

    @TransactionalEventListener(value = RepositoryListingChanged.class, fallbackExecution = true)
    void listingChanged() {
        changes.incrementAndGet();
    }

    /**
     * The repositories whose full name or short description contains {@code text} (lower case; empty matches all), as
     * of the latest change in this process: the snapshot's, then those created since, in no particular order.
     */
    List<ListedRepository> matching(String text) {
        Snapshot current = current();
        List<ListedRepository> matching = current.matching(text);
        List<ListedRepository> newer = new ArrayList<>();
        repositories.forEachListed(current.maxId(),
                (id, namespace, name, description, visibility) -> newer.add(
                        ListedRepository.of(id, namespace, name, description, visibility == Visibility.PUBLIC, 0)));
        if (newer.size() > MAX_NEWER && reading.tryLock()) {
            try {
                read(changes.get());
            } finally {
                reading.unlock();
            }
        }
        newer.stream().filter(repository -> repository.matches(text)).forEach(matching::add);
        return matching;
    }

    private Snapshot current() {
        Snapshot current = snapshot;
        long changed = changes.get();
        if (current == null || current.changes() != changed) {
            reading.lock();
            try {
                current = snapshot;
                changed = changes.get();
                return current != null && current.changes() == changed ? current : read(changed);
            } finally {
                reading.unlock();
            }
        }
        if (current.readAt().plus(refresh).isBefore(clock.instant()) && reading.tryLock()) {
            try {
                return read(changed);
            } finally {
                reading.unlock();
            }
        }
        return current;
    }

    /** Reads a snapshot; {@code changes} is counted before reading, so a change committed meanwhile reads again. */
    private Snapshot read(long changes) {
        Instant readAt = clock.instant();
        Map<Long, Long> starCounts = stars.counts();
        List<ListedRepository> listed = new ArrayList<>();
        // Each namespace's name once, not once per repository.
        Map<String, String> namespaces = new HashMap<>();
        long[] maxId = {-1};
        repositories.forEachListed(-1, (id, namespace, name, description, visibility) -> {
            listed.add(ListedRepository.of(id, namespaces.computeIfAbsent(namespace, same -> same), name,
                    description, visibility == Visibility.PUBLIC, starCounts.getOrDefault(id, 0L)));
            maxId[0] = Math.max(maxId[0], id);
        });
        Snapshot read = Snapshot.of(List.copyOf(listed), maxId[0], changes, readAt);
        snapshot = read;
        return read;
    }

    /**
     * The repositories as read at one moment, with where each sequence of three characters occurs in their names and
     * descriptions: a query reads only the repositories holding its rarest three characters, instead of comparing
     * every one (which took most of a search's time at 100,000 repositories).
     */
    private record Snapshot(List<ListedRepository> repositories, Map<Long, int[]> holding, long maxId, long changes,
            Instant readAt) {

        private static final int GRAM = 3;

        static Snapshot of(List<ListedRepository> repositories, long maxId, long changes, Instant readAt) {
            Map<Long, Postings> postings = new HashMap<>();
            for (int i = 0; i < repositories.size(); i++) {
                ListedRepository repository = repositories.get(i);
                for (String field : List.of(repository.lowerFullName(), repository.lowerDescription())) {
                    for (int at = 0; at + GRAM <= field.length(); at++) {
                        postings.computeIfAbsent(gram(field, at), gram -> new Postings()).add(i);
                    }
                }
            }
            Map<Long, int[]> holding = new HashMap<>(postings.size() * 4 / 3 + 1);
            postings.forEach((gram, repositoriesHolding) -> holding.put(gram, repositoriesHolding.toArray()));
            return new Snapshot(repositories, holding, maxId, changes, readAt);
        }

        private static long gram(String text, int at) {
            return (long) text.charAt(at) << 32 | (long) text.charAt(at + 1) << 16 | text.charAt(at + 2);
        }

        /** The repositories with a name or description containing {@code text}: each once, in the snapshot's order. */
        List<ListedRepository> matching(String text) {
            if (text.length() < GRAM) {
                return repositories.stream().filter(repository -> repository.matches(text))
                        .collect(Collectors.toCollection(ArrayList::new));
            }
            int[] rarest = null;
            for (int at = 0; at + GRAM <= text.length(); at++) {
                int[] candidates = holding.getOrDefault(gram(text, at), new int[0]);
                if (rarest == null || candidates.length < rarest.length) {
                    rarest = candidates;
                }
            }
            List<ListedRepository> matching = new ArrayList<>();
            for (int candidate : rarest) {
                if (repositories.get(candidate).matches(text)) {
                    matching.add(repositories.get(candidate));
                }
            }
            return matching;
        }
    }

    /** The repositories holding one sequence of characters, each once, in order. */
    private static final class Postings {
        private int[] repositories = new int[4];
        private int size;

        void add(int repository) {
            if (size > 0 && repositories[size - 1] == repository) {
                return;
            }
            if (size == repositories.length) {
                repositories = Arrays.copyOf(repositories, size * 2);
            }
            repositories[size++] = repository;
        }

        int[] toArray() {
            return Arrays.copyOf(repositories, size);
        }
    }
}
