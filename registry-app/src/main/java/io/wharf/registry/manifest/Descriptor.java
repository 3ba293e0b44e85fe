package io.wharf.registry.manifest;

import io.wharf.registry.digest.Digest;
import java.util.List;

/** The parts of an OCI content descriptor the registry checks and indexes. */
public record Descriptor(String mediaType, Digest digest, long size, List<String> urls) {

    /** Foreign (non-distributable) layers live elsewhere, named by {@code urls}; they are never pushed here. */
    boolean isForeign() {
        return !urls.isEmpty();
    }
}
