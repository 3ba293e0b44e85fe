package io.wharf.registry.api.support;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds manifest documents of the formats the registry stores. Start from one of the factory methods, add
 * optional fields, then {@link #build()}.
 */
public final class ManifestBuilder {

    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String mediaType;
    private final Map<String, Object> fields = new LinkedHashMap<>();
    private final Map<String, String> annotations = new LinkedHashMap<>();

    private ManifestBuilder(String mediaType, boolean writeMediaType) {
        this.mediaType = mediaType;
        fields.put("schemaVersion", 2);
        if (writeMediaType) {
            fields.put("mediaType", mediaType);
        }
    }

    public static ManifestBuilder ociImage(Descriptor config, Descriptor... layers) {
        return image(OCI_MANIFEST, config, layers);
    }

    public static ManifestBuilder dockerImage(Descriptor config, Descriptor... layers) {
        return image(DOCKER_MANIFEST, config, layers);
    }

    public static ManifestBuilder ociIndex(Descriptor... manifests) {
        return index(OCI_INDEX, manifests);
    }

    public static ManifestBuilder dockerList(Descriptor... manifests) {
        return index(DOCKER_MANIFEST_LIST, manifests);
    }

    /** An OCI artifact: {@code artifactType} and the empty config, as the image spec recommends. */
    public static ManifestBuilder ociArtifact(String artifactType, Descriptor... layers) {
        return ociImage(TestBlob.EMPTY_JSON.descriptor(TestBlob.OCI_EMPTY), layers).artifactType(artifactType);
    }

    private static ManifestBuilder image(String mediaType, Descriptor config, Descriptor... layers) {
        ManifestBuilder builder = new ManifestBuilder(mediaType, true);
        builder.fields.put("config", config.toJson());
        builder.fields.put("layers", Arrays.stream(layers).map(Descriptor::toJson).toList());
        return builder;
    }

    private static ManifestBuilder index(String mediaType, Descriptor... manifests) {
        ManifestBuilder builder = new ManifestBuilder(mediaType, true);
        builder.fields.put("manifests", Arrays.stream(manifests).map(Descriptor::toJson).toList());
        return builder;
    }

    public ManifestBuilder artifactType(String artifactType) {
        fields.put("artifactType", artifactType);
        return this;
    }

    public ManifestBuilder subject(Descriptor subject) {
        fields.put("subject", subject.toJson());
        return this;
    }

    public ManifestBuilder annotation(String key, String value) {
        annotations.put(key, value);
        return this;
    }

    public ManifestDocument build() {
        Map<String, Object> document = new LinkedHashMap<>(fields);
        if (!annotations.isEmpty()) {
            document.put("annotations", annotations);
        }
        return ManifestDocument.of(mediaType, JSON.writeValueAsBytes(document));
    }
}
