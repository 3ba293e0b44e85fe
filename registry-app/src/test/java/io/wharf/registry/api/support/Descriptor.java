package io.wharf.registry.api.support;

import java.util.LinkedHashMap;
import java.util.Map;

/** An OCI content descriptor as a test writes it into a manifest; {@code extra} holds optional fields. */
public record Descriptor(String mediaType, String digest, long size, Map<String, Object> extra) {

    public static Descriptor of(String mediaType, String digest, long size) {
        return new Descriptor(mediaType, digest, size, Map.of());
    }

    public Descriptor with(String field, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extra);
        more.put(field, value);
        return new Descriptor(mediaType, digest, size, more);
    }

    public Descriptor platform(String os, String architecture) {
        return with("platform", Map.of("os", os, "architecture", architecture));
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("mediaType", mediaType);
        json.put("digest", digest);
        json.put("size", size);
        json.putAll(extra);
        return json;
    }
}
