package io.wharf.contract.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/** An index entry's {@code platform}, or the fields of the same names in an image config. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Platform(String os, String architecture, String variant, @JsonProperty("os.version") String osVersion) {

    /** The platform fields of {@code node}; a field that is missing, empty or not a string is null. */
    public static Platform in(JsonNode node) {
        return new Platform(text(node, "os"), text(node, "architecture"), text(node, "variant"),
                text(node, "os.version"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() && !value.asString().isEmpty() ? value.asString() : null;
    }
}
