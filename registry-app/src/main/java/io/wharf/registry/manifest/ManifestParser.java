package io.wharf.registry.manifest;

import io.wharf.contract.image.ImageMediaTypes;
import io.wharf.registry.digest.Digest;
import io.wharf.registry.error.ErrorCode;
import io.wharf.registry.error.RegistryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.core.StreamReadFeature;

/**
 * Reads a pushed manifest by its media type (OCI image spec, Docker manifest v2.2) and checks its shape:
 * valid JSON, {@code schemaVersion} 2, well-formed descriptors. Anything else is MANIFEST_INVALID.
 */
@Component
public class ManifestParser {

    /** Duplicate keys make a manifest mean different things to different readers: refuse them. */
    private final JsonMapper json = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /**
     * @param contentType the request's Content-Type, without parameters, or null when the client sent none
     */
    public ParsedManifest parse(String contentType, byte[] payload) {
        JsonNode root = readTree(payload);
        String declared = optionalString(root, "mediaType");
        String mediaType = mediaTypeOf(contentType, declared, root);
        if (root.path("schemaVersion").asInt(-1) != 2 || !root.path("schemaVersion").isIntegralNumber()) {
            throw invalid("schemaVersion must be 2");
        }
        Optional<Descriptor> subject = root.has("subject")
                ? Optional.of(descriptor(root.get("subject"), "subject")) : Optional.empty();
        Optional<String> artifactType = Optional.ofNullable(optionalString(root, "artifactType"))
                .filter(type -> !type.isEmpty());
        if (ImageMediaTypes.isIndex(mediaType)) {
            List<Descriptor> children = descriptors(requiredArray(root, "manifests"), "manifests");
            return new ParsedManifest(mediaType, artifactType, subject, List.of(), children);
        }
        Descriptor config = descriptor(requiredObject(root, "config"), "config");
        List<Descriptor> blobs = new ArrayList<>();
        blobs.add(config);
        descriptors(requiredArray(root, "layers"), "layers").stream()
                .filter(layer -> !layer.isForeign())
                .forEach(blobs::add);
        return new ParsedManifest(mediaType, artifactType.or(() -> Optional.of(config.mediaType())), subject,
                List.copyOf(blobs), List.of());
    }

    private JsonNode readTree(byte[] payload) {
        try {
            JsonNode root = json.readTree(payload);
            if (root == null || !root.isObject()) {
                throw invalid("a manifest must be a JSON object");
            }
            return root;
        } catch (JacksonException malformed) {
            throw invalid("manifest is not valid JSON: " + malformed.getOriginalMessage());
        }
    }

    /**
     * The Content-Type wins, but must agree with the manifest's own {@code mediaType} when both are given,
     * as the image spec asks; without either, the OCI shape decides.
     */
    private static String mediaTypeOf(String contentType, String declared, JsonNode root) {
        if (contentType != null && declared != null && !contentType.equals(declared)) {
            throw invalid("Content-Type " + contentType + " does not match the manifest's mediaType " + declared);
        }
        String mediaType = contentType != null ? contentType
                : declared != null ? declared
                : root.has("manifests") ? ImageMediaTypes.OCI_INDEX : ImageMediaTypes.OCI_MANIFEST;
        if (!ImageMediaTypes.isManifest(mediaType)) {
            throw invalid("unsupported manifest media type " + mediaType);
        }
        return mediaType;
    }

    private static List<Descriptor> descriptors(JsonNode array, String field) {
        List<Descriptor> result = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            result.add(descriptor(array.get(i), field + "[" + i + "]"));
        }
        return result;
    }

    private static Descriptor descriptor(JsonNode node, String where) {
        if (!node.isObject()) {
            throw invalid(where + " must be a descriptor object");
        }
        String mediaType = optionalString(node, "mediaType");
        if (mediaType == null || mediaType.isEmpty()) {
            throw invalid(where + ".mediaType is required");
        }
        JsonNode size = node.path("size");
        if (!size.isIntegralNumber() || !size.canConvertToLong() || size.asLong() < 0) {
            throw invalid(where + ".size must be a non-negative integer");
        }
        String digestText = optionalString(node, "digest");
        Digest digest;
        try {
            digest = Digest.parse(digestText);
        } catch (RegistryException badDigest) {
            throw invalid(where + ".digest is not a valid digest: " + digestText);
        }
        List<String> urls = new ArrayList<>();
        if (node.has("urls")) {
            JsonNode array = node.get("urls");
            if (!array.isArray()) {
                throw invalid(where + ".urls must be an array");
            }
            array.forEach(url -> urls.add(url.asString()));
        }
        return new Descriptor(mediaType, digest, size.asLong(), List.copyOf(urls));
    }

    private static JsonNode requiredArray(JsonNode root, String field) {
        JsonNode node = root.path(field);
        if (!node.isArray()) {
            throw invalid(field + " must be an array");
        }
        return node;
    }

    private static JsonNode requiredObject(JsonNode root, String field) {
        JsonNode node = root.path(field);
        if (!node.isObject()) {
            throw invalid(field + " is required");
        }
        return node;
    }

    private static String optionalString(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw invalid(field + " must be a string");
        }
        return value.asString();
    }

    private static RegistryException invalid(String message) {
        return new RegistryException(ErrorCode.MANIFEST_INVALID, message);
    }
}
