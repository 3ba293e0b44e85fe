package io.wharf.registry.proxy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * What each cache did, as Micrometer counters tagged with the proxy's name ({@code wharf_registry_proxy_hits_total{proxy=...}}
 * and so on on the Prometheus endpoint); the admin API reports the same counts.
 */
@Component
class ProxyMetrics {

    static final String HITS = "wharf.registry.proxy.hits";
    static final String MISSES = "wharf.registry.proxy.misses";
    static final String UPSTREAM_BYTES = "wharf.registry.proxy.upstream.bytes";
    static final String UPSTREAM_ERRORS = "wharf.registry.proxy.upstream.errors";
    static final String STALE_SERVES = "wharf.registry.proxy.stale.serves";

    private final MeterRegistry meters;

    ProxyMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Blob transfers from upstreams running now, each until what it fetched is stored. */
    void blobFetchesRunning(Supplier<Number> running) {
        Gauge.builder("wharf.registry.proxy.blob.fetches", running)
                .description("blob transfers from upstreams under way (until their blob is stored)").register(meters);
    }

    /** A manifest or blob served from the cache without fetching it. */
    void hit(String proxy) {
        counter(HITS, proxy, "manifests and blobs served from the cache").increment();
    }

    /** A manifest or blob fetched from the upstream. */
    void miss(String proxy) {
        counter(MISSES, proxy, "manifests and blobs fetched from the upstream").increment();
    }

    void upstreamBytes(String proxy, long bytes) {
        counter(UPSTREAM_BYTES, proxy, "bytes of blobs and manifests read from the upstream").increment(bytes);
    }

    void upstreamError(String proxy) {
        counter(UPSTREAM_ERRORS, proxy, "upstream requests that failed (unreachable, 5xx, 429, cut off)")
                .increment();
    }

    /** A tag past its revalidation interval served as cached, the upstream being unreachable. */
    void staleServe(String proxy) {
        counter(STALE_SERVES, proxy, "tags served stale because the upstream could not be asked").increment();
    }

    long count(String name, String proxy) {
        Counter counter = meters.find(name).tag("proxy", proxy).counter();
        return counter == null ? 0 : (long) counter.count();
    }

    private Counter counter(String name, String proxy, String description) {
        return Counter.builder(name).tag("proxy", proxy).description(description).register(meters);
    }
}
