package io.wharf.index.image;

import io.wharf.contract.image.Descriptor;
import io.wharf.contract.image.ImageManifest;
import io.wharf.contract.image.ImageSettings;
import java.util.List;
import java.util.Map;

/**
 * What a manifest page shows of a manifest: its content, which never changes for its digest (cached), and the
 * referrers the registry lists for it now.
 *
 * @param settings an image's settings and build history from its config; null for an index or an artifact
 */
public record ManifestDetails(String digest, String mediaType, long size, ImageManifest manifest,
        ImageSettings settings, List<Referrer> referrers) {

    /** A manifest whose subject is this one: a signature, an SBOM, an attestation. */
    public record Referrer(String name, String artifactType, String digest, long size) {

        static Referrer of(Descriptor descriptor) {
            return new Referrer(ArtifactTypes.humanName(descriptor.artifactType()), descriptor.artifactType(),
                    descriptor.digest(), descriptor.size());
        }
    }

    public List<Descriptor> layers() {
        return manifest.layers();
    }

    public List<Descriptor> entries() {
        return manifest.entries();
    }

    public Map<String, String> annotations() {
        return manifest.annotations();
    }

    /** Whether a signature (cosign, Notation) refers to the manifest. */
    public boolean isSigned() {
        return referrers.stream().anyMatch(referrer -> ArtifactTypes.isSignature(referrer.artifactType()));
    }

    /** {@code index}, {@code image} or {@code artifact}. */
    public String kind() {
        return manifest.isIndex() ? "index" : manifest.isImage() ? "image" : "artifact";
    }

    ManifestDetails withReferrers(List<Referrer> current) {
        return new ManifestDetails(digest, mediaType, size, manifest, settings, current);
    }
}
