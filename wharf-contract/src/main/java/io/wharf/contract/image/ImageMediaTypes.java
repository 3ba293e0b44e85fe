package io.wharf.contract.image;

import java.util.Set;

/**
 * The media types of the manifests both services read: Docker v2 schema 2 manifests and manifest lists, OCI
 * manifests and indexes, and the config types that make a manifest an image rather than an artifact.
 */
public final class ImageMediaTypes {

    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

    public static final String DOCKER_IMAGE_CONFIG = "application/vnd.docker.container.image.v1+json";
    public static final String OCI_IMAGE_CONFIG = "application/vnd.oci.image.config.v1+json";
    /** The config of an artifact that needs none (OCI image spec, "Guidelines for Artifact Usage"). */
    public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";

    /** Manifests that list other manifests rather than blobs. */
    public static final Set<String> INDEXES = Set.of(DOCKER_MANIFEST_LIST, OCI_INDEX);
    /** Manifests that list a config and layers: an image or an artifact, depending on the config. */
    public static final Set<String> SINGLE_MANIFESTS = Set.of(DOCKER_MANIFEST, OCI_MANIFEST);
    /** Configs that name a platform; any other config (Helm charts, signatures, {@link #OCI_EMPTY}) is an artifact's. */
    public static final Set<String> IMAGE_CONFIGS = Set.of(DOCKER_IMAGE_CONFIG, OCI_IMAGE_CONFIG);
    /** An {@code Accept} header for every manifest type above. */
    public static final String ACCEPT_MANIFESTS = String.join(", ", OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST,
            DOCKER_MANIFEST_LIST);

    private ImageMediaTypes() {
    }

    /** Whether {@code mediaType} is a multi-platform image index (OCI) or manifest list (Docker). */
    public static boolean isIndex(String mediaType) {
        return INDEXES.contains(mediaType);
    }

    /** Whether {@code mediaType} is a manifest type the registry stores. */
    public static boolean isManifest(String mediaType) {
        return INDEXES.contains(mediaType) || SINGLE_MANIFESTS.contains(mediaType);
    }
}
