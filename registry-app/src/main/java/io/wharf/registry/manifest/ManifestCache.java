package io.wharf.registry.manifest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Manifests as served by {@code GET /v2/<name>/manifests/<reference>}, kept in memory for a short time: a pull storm
 * (every node of a cluster pulling one tag) then costs no database query per request.
 *
 * <p>Consistency. Every change to a repository's tags or manifests in this process (push, delete, garbage collection,
 * retention, repository deletion: whatever records a registry event) calls {@link #changed}, which drops every entry
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

    /**
     * Something in {@code repository} changed (within the current transaction, if any): forget everything now and
     * once more after the transaction ends, so that no lookup keeps what it read before the commit.
     */
    public void changed(String repository) {
        forget(repository);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    forget(repository);
                }
            });
        }
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
