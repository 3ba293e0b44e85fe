package io.wharf.registry.upload;

import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The SHA-256 state of uploads this process appended to, so a chunk costs one pass over its own bytes.
 * Only a cache: an entry counts only when its offset equals the stored size, otherwise (restart, another
 * replica appended, entry evicted) the caller re-reads the stored prefix. Correctness never depends on it.
 */
@Component
class RunningDigests {

    /** Bounds memory when clients abandon uploads; each entry is a few hundred bytes. */
    private static final int MAX_ENTRIES = 10_000;

    record State(long offset, MessageDigest digest) {
    }

    private final Map<String, State> states = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, State> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** Removes and returns the state for {@code uploadId} if it covers exactly {@code offset} bytes. */
    synchronized State take(String uploadId, long offset) {
        State state = states.remove(uploadId);
        return state != null && state.offset() == offset ? state : null;
    }

    /** A copy of the state for {@code uploadId} if it covers exactly {@code offset} bytes; the entry stays. */
    synchronized Optional<MessageDigest> peek(String uploadId, long offset) {
        State state = states.get(uploadId);
        if (state == null || state.offset() != offset) {
            return Optional.empty();
        }
        try {
            return Optional.of((MessageDigest) state.digest().clone());
        } catch (CloneNotSupportedException notCopyable) {
            return Optional.empty();
        }
    }

    synchronized void put(String uploadId, State state) {
        states.put(uploadId, state);
    }

    synchronized void forget(String uploadId) {
        states.remove(uploadId);
    }
}
