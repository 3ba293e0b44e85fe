package io.wharf.registry.manifest;

import io.wharf.registry.repository.RepositoryContentChanged;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Manifests as served by {@code GET /v2/<name>/manifests/<reference>}, kept in memory for a short time: a pull storm
 * (every node of a cluster pulling one tag) then costs no database query per request.
 *
 * <p>Consistency. Every change to a repository's tags or manifests in this process (push, delete, garbage collection,
 * retention, repository deletion) publishes {@link RepositoryContentChanged}, which drops the repository's entries
 * at once and again when the change's transaction ends; a lookup that started before a change never stores what it
 * read. So within one process a read never sees data older than the last committed change. A change made by another
 * replica is seen here after at most {@code ttl}: that is the staleness bound between replicas (like a CDN's), and
 * {@code ttl: 0} turns the cache off.
 *
 * <p>Memory: at most {@code max-bytes} of payloads; a manifest larger than a sixteenth of it is never kept.
 */
@Component
public class ManifestCache {

    private record Key(String repository, String reference) {
    }

    private record Entry(StoredManifest manifest, long expiresAtNanos) {
    }

    private final long ttlNanos;
    private final long maxBytes;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    /** Payload bytes held; guarded by this. */
    private long bytes;
    /** Advances with every change: a lookup stores what it read only if none happened meanwhile. */
    private final AtomicLong generation = new AtomicLong();

    ManifestCache(ManifestCacheProperties properties) {
        this.ttlNanos = properties.ttl().toNanos();
        this.maxBytes = properties.maxBytes().toBytes();
    }

    /** The cached manifest of {@code repository} under {@code reference}, or what {@code load} finds (then kept). */
    StoredManifest get(String repository, String reference, Supplier<StoredManifest> load) {
        if (ttlNanos <= 0) {
            return load.get();
        }
        Key key = new Key(repository, reference);
        long now = System.nanoTime();
        Entry cached = entries.get(key);
        if (cached != null && now - cached.expiresAtNanos() < 0) {
            return cached.manifest();
        }
        long seen = generation.get();
        StoredManifest loaded = load.get();
        if (loaded.payload().length <= maxBytes / 16) {
            store(key, new Entry(loaded, now + ttlNanos), seen);
        }
        return loaded;
    }

    /** Keeps an entry unless a change happened since {@code seen}; misses are rare, so a lock is cheap here. */
    private synchronized void store(Key key, Entry entry, long seen) {
        if (generation.get() != seen) {
            return;
        }
        int size = entry.manifest().payload().length;
        if (bytes + size > maxBytes) {
            entries.clear();
            bytes = 0;
        }
        Entry replaced = entries.put(key, entry);
        bytes += size - (replaced == null ? 0 : replaced.manifest().payload().length);
    }

    /** Forgets the repository's entries as soon as it changes, within the change's transaction... */
    @EventListener
    void whileChanging(RepositoryContentChanged change) {
        forget(change.repository());
    }

    /** ... and once more when that transaction ended, so that no lookup keeps what it read before the commit. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMPLETION, fallbackExecution = true)
    void changed(RepositoryContentChanged change) {
        forget(change.repository());
    }

    private synchronized void forget(String repository) {
        generation.incrementAndGet();
        entries.entrySet().removeIf(cached -> {
            boolean drop = cached.getKey().repository().equals(repository);
            bytes -= drop ? cached.getValue().manifest().payload().length : 0;
            return drop;
        });
    }
}
