package io.wharf.registry.manifest;

import java.util.List;
import java.util.Optional;

/**
 * What the registry needs to know of a pushed manifest.
 *
 * @param mediaType the manifest's media type
 * @param artifactType the type referrers report: the manifest's {@code artifactType}, else for an image
 *     manifest its config's media type, else empty (an index without one)
 * @param subject the manifest this one refers to, if any
 * @param blobs the config and layers an image manifest needs in the repository (foreign layers excluded)
 * @param children the manifests an index lists
 */
public record ParsedManifest(String mediaType, Optional<String> artifactType, Optional<Descriptor> subject,
        List<Descriptor> blobs, List<Descriptor> children) {
}
