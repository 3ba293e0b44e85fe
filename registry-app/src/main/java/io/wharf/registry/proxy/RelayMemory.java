package io.wharf.registry.proxy;

import java.util.ArrayDeque;
import org.springframework.stereotype.Component;

/**
 * The memory that blob fetches relay their most recent bytes in, shared by all fetches and bounded by
 * {@code wharf.registry.proxy.relay-memory}: each fetch always has one chunk, and more (up to its window) only while
 * the bound allows. The arrays are reused: on a small heap, chunks allocated per fetch and kept for the length of a
 * transfer would outlive young collections and fill the old generation.
 */
@Component
class RelayMemory {

    /** Bytes per chunk: large writes to the clients' sockets and the local file, small enough to share. */
    static final int CHUNK_BYTES = 128 * 1024;

    private final int reservable;
    /** Guarded by this. */
    private int reserved;
    private final ArrayDeque<byte[]> idle = new ArrayDeque<>();

    RelayMemory(ProxyProperties properties) {
        this.reservable = (int) (properties.relayMemory().toBytes() / CHUNK_BYTES);
    }

    /** Whether one more chunk beyond a fetch's first fits the bound; if so it counts until {@link #unreserve}. */
    synchronized boolean reserve() {
        if (reserved >= reservable) {
            return false;
        }
        reserved++;
        return true;
    }

    synchronized void unreserve(int chunks) {
        reserved -= chunks;
    }

    /** An array of {@link #CHUNK_BYTES}, reused when one is idle. */
    synchronized byte[] array() {
        byte[] array = idle.poll();
        return array != null ? array : new byte[CHUNK_BYTES];
    }

    /** Takes back an array nobody reads any more; as many are kept idle as the bound allows chunks. */
    synchronized void recycle(byte[] array) {
        if (idle.size() < reservable) {
            idle.push(array);
        }
    }
}
