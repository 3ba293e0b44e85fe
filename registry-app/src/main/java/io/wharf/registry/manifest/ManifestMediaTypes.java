package io.wharf.registry.manifest;

import java.util.Set;

/** The manifest formats the registry stores: Docker v2 schema 2 and manifest lists, OCI manifests and indexes. */
public final class ManifestMediaTypes {

    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

    /** Manifests that list other manifests rather than blobs. */
    static final Set<String> INDEXES = Set.of(DOCKER_MANIFEST_LIST, OCI_INDEX);
    static final Set<String> IMAGES = Set.of(DOCKER_MANIFEST, OCI_MANIFEST);

    private ManifestMediaTypes() {
    }

    public static boolean isSupported(String mediaType) {
        return INDEXES.contains(mediaType) || IMAGES.contains(mediaType);
    }
}
