package io.wharf.contract.image;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A content descriptor (OCI image spec): a layer, a config, an index entry or a referrer.
 *
 * @param platform an index entry's platform, else null
 * @param artifactType a referrer's or artifact manifest's type, else empty
 */
public record Descriptor(String mediaType, String digest, long size, Platform platform, String artifactType,
        Map<String, String> annotations) {

    /** The descriptors in {@code nodes}: an array's elements (none when {@code nodes} is missing). */
    public static List<Descriptor> allOf(JsonNode nodes) {
        List<Descriptor> descriptors = new ArrayList<>();
        nodes.forEach(node -> descriptors.add(of(node)));
        return List.copyOf(descriptors);
    }

    /** The descriptor {@code node}; fields that are missing are empty. */
    public static Descriptor of(JsonNode node) {
        Map<String, String> annotations = new LinkedHashMap<>();
        node.path("annotations").properties().forEach(entry -> annotations.put(entry.getKey(), entry.getValue().asString("")));
        return new Descriptor(node.path("mediaType").asString(""), node.path("digest").asString(""),
                node.path("size").asLong(0), node.path("platform").isObject() ? Platform.in(node.path("platform")) : null,
                node.path("artifactType").asString(""), annotations);
    }
}
