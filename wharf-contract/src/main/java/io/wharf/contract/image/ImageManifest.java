package io.wharf.contract.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * What a manifest says about the image it describes, the same for the registry's push events and the index's
 * reconciliation: whether it is an index, an image or an artifact, what the image weighs and which platforms it
 * runs on.
 *
 * <ul>
 * <li>An <b>index</b> (OCI index, Docker manifest list) offers the platforms of its entries; its size is its own.
 * <li>An <b>image</b> is a single manifest whose config is an image config ({@link ImageMediaTypes#IMAGE_CONFIGS});
 *     its platform is the one its config names, its size its config plus its layers, compressed as stored.
 * <li>An <b>artifact</b> is any other single manifest (Helm chart, signature, SBOM: a config of another type, such
 *     as {@link ImageMediaTypes#OCI_EMPTY} beside an {@code artifactType}); it has the size of its config plus layers
 *     and no platform.
 * </ul>
 */
public final class ImageManifest {

    private final String mediaType;
    private final JsonNode manifest;

    private ImageManifest(String mediaType, JsonNode manifest) {
        this.mediaType = mediaType;
        this.manifest = manifest;
    }

    /** The manifest {@code manifest}, served or pushed as {@code mediaType}. */
    public static ImageManifest of(String mediaType, JsonNode manifest) {
        return new ImageManifest(mediaType, manifest);
    }

    public boolean isIndex() {
        return ImageMediaTypes.isIndex(mediaType);
    }

    public boolean isImage() {
        return !isIndex() && ImageMediaTypes.IMAGE_CONFIGS.contains(config().path("mediaType").asString(""));
    }

    public boolean isArtifact() {
        return !isIndex() && !isImage();
    }

    /** An image's or artifact's config plus layers (what users see as its size); none for an index. */
    public OptionalLong imageSize() {
        if (isIndex()) {
            return OptionalLong.empty();
        }
        long size = config().path("size").asLong(0);
        for (JsonNode layer : manifest.path("layers")) {
            size += layer.path("size").asLong(0);
        }
        return OptionalLong.of(size);
    }

    /**
     * The digest of the config to read for the image's platform: an image's config of at most
     * {@link ImageConfig#MAX_BYTES}; none for an index or an artifact.
     */
    public Optional<String> configToRead() {
        JsonNode config = config();
        return !isIndex() && ImageConfig.isReadable(config.path("mediaType").asString(""), config.path("size").asLong(-1))
                ? Optional.of(config.path("digest").asString("")) : Optional.empty();
    }

    /**
     * The platforms: those an index's entries name (entries without a {@code platform} are left out), or the one of
     * an image, which {@code platformOfConfig} finds in its config (given the config's digest; see
     * {@link ImageConfig#platformOf}); none for an artifact or an image whose config names none.
     */
    public List<Platform> platforms(Function<String, Optional<Platform>> platformOfConfig) {
        if (isIndex()) {
            List<Platform> platforms = new ArrayList<>();
            for (JsonNode entry : manifest.path("manifests")) {
                JsonNode platform = entry.path("platform");
                if (platform.isObject()) {
                    platforms.add(Platform.in(platform));
                }
            }
            return platforms;
        }
        return configToRead().flatMap(platformOfConfig).map(List::of).orElse(List.of());
    }

    /** The config's descriptor; none for an index. */
    public Optional<Descriptor> configDescriptor() {
        return isIndex() ? Optional.empty() : Optional.of(Descriptor.of(config()));
    }

    /** An image's or artifact's layers, in order; none for an index. */
    public List<Descriptor> layers() {
        return descriptors("layers");
    }

    /** An index's entries (one per platform, or attestations beside them); none for a single manifest. */
    public List<Descriptor> entries() {
        return descriptors("manifests");
    }

    /**
     * The artifact type: the manifest's {@code artifactType}, else its config's media type for an artifact (as the
     * referrers API reports it); empty for an image or an index without one.
     */
    public String artifactType() {
        String declared = manifest.path("artifactType").asString("");
        return declared.isEmpty() && isArtifact() ? config().path("mediaType").asString("") : declared;
    }

    /** The digest of the manifest this one refers to (its {@code subject}), if any. */
    public Optional<String> subject() {
        String digest = manifest.path("subject").path("digest").asString("");
        return digest.isEmpty() ? Optional.empty() : Optional.of(digest);
    }

    /** The manifest's own annotations, such as {@code org.opencontainers.image.source}. */
    public Map<String, String> annotations() {
        return Descriptor.of(manifest).annotations();
    }

    private List<Descriptor> descriptors(String field) {
        return Descriptor.allOf(manifest.path(field));
    }

    private JsonNode config() {
        return manifest.path("config");
    }
}
