package io.wharf.registry.manifest;

/** A blob or child manifest a manifest references: what garbage collection must keep. */
public record ManifestReference(long manifestId, String childDigest, Kind kind) {

    public enum Kind { BLOB, MANIFEST }
}
