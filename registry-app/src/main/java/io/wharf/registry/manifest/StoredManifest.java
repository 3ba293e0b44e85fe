package io.wharf.registry.manifest;

/** A manifest as it is served: its exact bytes, media type and digest. */
public record StoredManifest(String digest, String mediaType, byte[] payload, String subjectDigest) {

    static StoredManifest of(Manifest manifest) {
        return new StoredManifest(manifest.digest(), manifest.mediaType(), manifest.payload(),
                manifest.subjectDigest());
    }
}
