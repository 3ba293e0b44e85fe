package io.wharf.registry.api.support;

import java.nio.charset.StandardCharsets;

/** A manifest's exact bytes, its media type and its (sha256) digest. */
public record ManifestDocument(String mediaType, byte[] bytes, String digest) {

    public static ManifestDocument of(String mediaType, byte[] bytes) {
        return new ManifestDocument(mediaType, bytes, TestBlob.sha256(bytes));
    }

    public static ManifestDocument of(String mediaType, String json) {
        return of(mediaType, json.getBytes(StandardCharsets.UTF_8));
    }

    /** A descriptor of this manifest, for an index or a {@code subject}. */
    public Descriptor descriptor() {
        return Descriptor.of(mediaType, digest, bytes.length);
    }

    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
