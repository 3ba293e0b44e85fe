package io.wharf.registry.proxy;

import io.wharf.contract.name.RepositoryName;
import io.wharf.contract.proxy.ProxiedName;
import io.wharf.registry.blob.Blob;
import io.wharf.registry.blob.BlobService;
import io.wharf.registry.digest.Digest;
import io.wharf.registry.error.ErrorCode;
import io.wharf.registry.error.RegistryException;
import io.wharf.registry.manifest.ManifestService;
import io.wharf.registry.manifest.StoredManifest;
import io.wharf.registry.tag.TagService;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Serves a cache's repositories: from what is stored when it may, from the upstream (storing what it fetched) when it
 * must, as CNCF Distribution's proxy does.
 * <ul>
 * <li>A manifest by digest, once stored, never needs the upstream.</li>
 * <li>A tag is served as stored within the revalidation interval since the upstream was last asked about it; after
 * it, a HEAD asks the upstream where the tag points now, and a moved tag is fetched again. When the upstream cannot
 * be asked (unreachable, 5xx, 429), the stored tag is served stale, with a WARN line and a metric.</li>
 * <li>A blob the repository lacks is fetched once however many clients ask ({@link BlobFetches}); so is a manifest
 * or a tag's revalidation ({@link SingleFlight}).</li>
 * <li>An index is stored as it is; its platform manifests are fetched when a client asks for them, by digest.</li>
 * </ul>
 * Content stored here reaches the index like a push, with the actor {@code proxy:<name>}.
 */
@Service
public class PullThroughCache {

    private static final Logger log = LoggerFactory.getLogger(PullThroughCache.class);
    /** A pull is written down for eviction at most this often per manifest: the hot path of a hit stays a read. */
    private static final Duration PULL_RECORD_EVERY = Duration.ofSeconds(10);

    /** Where a proxied blob comes from: storage (a hit, or stored meanwhile) or the upstream transfer under way. */
    public sealed interface BlobSource {
        /** The blob is stored and linked to the repository the cache stores under. */
        record Stored(Blob blob) implements BlobSource {
        }

        /** The blob is arriving: {@code size} bytes, the stream fails rather than end early or wrong. */
        record Arriving(String digest, long size, InputStream content) implements BlobSource {
        }
    }

    private final ProxyDefinitions definitions;
    private final UpstreamRegistry upstream;
    private final BlobFetches fetches;
    private final ManifestService manifests;
    private final BlobService blobs;
    private final CachedContent content;
    private final ProxyMetrics metrics;
    private final Clock clock;
    private final Map<String, Instant> pullsRecorded = new ConcurrentHashMap<>();
    private final Map<String, Instant> inUse = new ConcurrentHashMap<>();
    private final SingleFlight<StoredManifest> manifestFetches = new SingleFlight<>();

    PullThroughCache(ProxyDefinitions definitions, UpstreamRegistry upstream, BlobFetches fetches,
            ManifestService manifests, BlobService blobs, CachedContent content, ProxyMetrics metrics, Clock clock) {
        this.definitions = definitions;
        this.upstream = upstream;
        this.fetches = fetches;
        this.manifests = manifests;
        this.blobs = blobs;
        this.content = content;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The manifest {@code reference} of a cached repository, fetched from the upstream when needed. */
    public StoredManifest manifest(ProxiedName name, String reference) {
        StoredProxy proxy = proxyOf(name);
        markInUse(name.stored());
        Optional<StoredManifest> stored = stored(name.stored(), reference);
        StoredManifest served;
        if (Digest.looksLikeDigest(reference)) {
            if (stored.isPresent()) {
                metrics.hit(proxy.name());
                served = stored.get();
            } else {
                served = manifestFetches.run(name.stored() + "@" + reference,
                        () -> fetchManifest(proxy, name, reference, null));
            }
        } else {
            served = byTag(proxy, name, reference, stored);
        }
        recordPull(name.stored(), served.digest());
        return served;
    }

    /** The blob {@code digest} of a cached repository: stored, or arriving from the upstream. */
    public BlobSource blob(ProxiedName name, Digest digest) {
        StoredProxy proxy = proxyOf(name);
        markInUse(name.stored());
        Optional<Blob> stored = blobs.findLinked(name.stored(), digest);
        if (stored.isPresent()) {
            metrics.hit(proxy.name());
            return new BlobSource.Stored(stored.get());
        }
        requireAllowed(proxy, name, ErrorCode.BLOB_UNKNOWN);
        try {
            return fetches.join(proxy, name, digest)
                    .<BlobSource>map(download -> new BlobSource.Arriving(digest.toString(), download.size(),
                            download.content()))
                    .orElseGet(() -> new BlobSource.Stored(blobs.requireLinked(name.stored(), digest)));
        } catch (UpstreamFailure failure) {
            throw failure.toClientError(proxy.name(), ErrorCode.BLOB_UNKNOWN);
        }
    }

    /** Whether content of {@code repository} was asked for within {@code window}: such content is not evicted. */
    boolean inUse(String repository, Duration window) {
        Instant last = inUse.get(repository);
        return last != null && last.plus(window).isAfter(clock.instant());
    }

    /** Forgets in-use marks older than {@code window}. */
    void forgetUseBefore(Duration window) {
        Instant cutoff = clock.instant().minus(window);
        inUse.values().removeIf(at -> at.isBefore(cutoff));
        pullsRecorded.values().removeIf(at -> at.isBefore(cutoff.minus(PULL_RECORD_EVERY)));
    }

    private StoredManifest byTag(StoredProxy proxy, ProxiedName name, String tag, Optional<StoredManifest> stored) {
        if (!TagService.isValidTag(tag)) {
            throw unknownManifest(tag);
        }
        Instant now = clock.instant();
        Optional<Instant> checked = stored.isPresent() ? content.tagCheckedAt(name.stored().value(), tag)
                : Optional.empty();
        if (stored.isPresent() && checked.isPresent() && checked.get().plus(proxy.revalidateAfter()).isAfter(now)) {
            metrics.hit(proxy.name());
            return stored.get();
        }
        return manifestFetches.run(name.stored() + ":" + tag, () -> revalidate(proxy, name, tag, stored, now));
    }

    /** Asks the upstream where the tag points now: the stored manifest if it did not move, else the new one. */
    private StoredManifest revalidate(StoredProxy proxy, ProxiedName name, String tag, Optional<StoredManifest> stored,
            Instant now) {
        try {
            if (stored.isPresent()
                    && upstream.manifestDigest(proxy, name.upstreamRepository(), tag).equals(stored.get().digest())) {
                content.tagChecked(name.stored().value(), tag, now);
                metrics.hit(proxy.name());
                return stored.get();
            }
            StoredManifest fetched = fetchManifest(proxy, name, tag, tag);
            content.tagChecked(name.stored().value(), tag, now);
            return fetched;
        } catch (UpstreamFailure failure) {
            if (failure.kind() != UpstreamFailure.Kind.NOT_FOUND) {
                metrics.upstreamError(proxy.name());
            }
            if (stored.isEmpty() || failure.kind() == UpstreamFailure.Kind.NOT_FOUND) {
                throw failure.toClientError(proxy.name(), ErrorCode.MANIFEST_UNKNOWN);
            }
            metrics.staleServe(proxy.name());
            log.warn("serving {}:{} as cached ({}), possibly stale: its upstream could not be asked whether it moved:"
                    + " {}", name.stored(), tag, stored.get().digest(), failure.getMessage());
            return stored.get();
        }
    }

    /** Fetches a manifest by tag or digest and stores it (under {@code tag} when not null). */
    private StoredManifest fetchManifest(StoredProxy proxy, ProxiedName name, String reference, String tag) {
        requireAllowed(proxy, name, ErrorCode.MANIFEST_UNKNOWN);
        UpstreamRegistry.ManifestAnswer answer;
        try {
            answer = upstream.manifest(proxy, name.upstreamRepository(), reference);
        } catch (UpstreamFailure failure) {
            if (tag != null) {
                // the tag's caller decides: a stale serve, or the error
                throw failure;
            }
            if (failure.kind() != UpstreamFailure.Kind.NOT_FOUND) {
                metrics.upstreamError(proxy.name());
            }
            throw failure.toClientError(proxy.name(), ErrorCode.MANIFEST_UNKNOWN);
        }
        metrics.miss(proxy.name());
        metrics.upstreamBytes(proxy.name(), answer.payload().length);
        checkDigest(proxy, reference, answer);
        return manifests.storeFetched(name.stored(), tag, answer.mediaType(), answer.payload(), proxy.actor());
    }

    /** The upstream's manifest must be what it says it is, and what a by-digest request asked for. */
    private void checkDigest(StoredProxy proxy, String reference, UpstreamRegistry.ManifestAnswer answer) {
        if (answer.payload().length > ManifestService.MAX_MANIFEST_BYTES) {
            throw new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE, "the upstream's manifest is larger than "
                    + ManifestService.MAX_MANIFEST_BYTES + " bytes").toClientError(proxy.name(),
                    ErrorCode.MANIFEST_UNKNOWN);
        }
        String expected = Digest.looksLikeDigest(reference) ? reference : answer.digest();
        if (expected == null) {
            return;
        }
        Digest claimed = Digest.parse(expected);
        Digest actual = claimed.algorithm().digestOf(answer.payload());
        if (!actual.equals(claimed)) {
            metrics.upstreamError(proxy.name());
            throw new RegistryException(ErrorCode.UNAVAILABLE, "the upstream of " + proxy.name() + " sent a manifest"
                    + " whose digest " + actual + " is not " + claimed + "; nothing was stored",
                    Map.of("proxy", proxy.name()));
        }
    }

    private Optional<StoredManifest> stored(RepositoryName name, String reference) {
        try {
            return Optional.of(manifests.get(name, reference));
        } catch (RegistryException unknown) {
            if (unknown.code() == ErrorCode.MANIFEST_UNKNOWN || unknown.code() == ErrorCode.NAME_UNKNOWN) {
                return Optional.empty();
            }
            throw unknown;
        }
    }

    private void requireAllowed(StoredProxy proxy, ProxiedName name, ErrorCode code) {
        if (!proxy.allows(name.upstreamRepository())) {
            throw new RegistryException(code, proxy.name() + " does not cache " + name.upstreamRepository()
                    + ": its include and exclude patterns leave it out", Map.of("proxy", proxy.name()));
        }
    }

    private StoredProxy proxyOf(ProxiedName name) {
        return definitions.find(name.proxy()).orElseThrow(() -> new RegistryException(ErrorCode.NAME_UNKNOWN,
                "the pull-through cache " + name.proxy() + " was removed meanwhile", Map.of("proxy", name.proxy())));
    }

    private void markInUse(RepositoryName name) {
        inUse.put(name.value(), clock.instant());
    }

    private void recordPull(RepositoryName name, String digest) {
        Instant now = clock.instant();
        String key = name.value() + "@" + digest;
        Instant last = pullsRecorded.get(key);
        if (last == null || last.plus(PULL_RECORD_EVERY).isBefore(now)) {
            pullsRecorded.put(key, now);
            content.pulled(name.value(), digest, now);
        }
    }

    private static RegistryException unknownManifest(String reference) {
        return new RegistryException(ErrorCode.MANIFEST_UNKNOWN, "manifest unknown to registry: " + reference,
                Map.of("reference", reference));
    }
}
