package io.wharf.index.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The before and after fields of an entry as JSON text, checked so that no secret and nothing large gets in: the
 * rules {@link AuditTrail} documents.
 */
@Component
class AuditValues {

    static final int MAX_STRING_LENGTH = 256;
    static final int MAX_FIELDS = 16;
    static final int MAX_COLLECTION_SIZE = 32;
    private static final Pattern SECRET_KEY = Pattern.compile(".*(password|secret|hash|credential).*|value|token");

    private final JsonMapper jsonMapper;

    AuditValues(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    /** The fields as a JSON object, or null when there are none. */
    String json(Map<String, ?> fields) {
        if (fields == null || fields.isEmpty()) {
            return null;
        }
        if (fields.size() > MAX_FIELDS) {
            throw new IllegalArgumentException("an audit entry holds at most " + MAX_FIELDS + " fields a side");
        }
        Map<String, Object> checked = new LinkedHashMap<>();
        fields.forEach((key, value) -> {
            if (SECRET_KEY.matcher(key.toLowerCase(Locale.ROOT)).matches()) {
                throw new IllegalArgumentException("an audit entry never holds secrets: " + key);
            }
            checked.put(key, scalarOrList(key, value));
        });
        return jsonMapper.writeValueAsString(checked);
    }

    private static Object scalarOrList(String key, Object value) {
        if (value instanceof Collection<?> collection) {
            List<Object> items = new ArrayList<>(collection.stream().limit(MAX_COLLECTION_SIZE)
                    .map(item -> scalar(key, item)).toList());
            if (collection.size() > MAX_COLLECTION_SIZE) {
                items.add("… " + (collection.size() - MAX_COLLECTION_SIZE) + " more");
            }
            return items;
        }
        return scalar(key, value);
    }

    private static Object scalar(String key, Object value) {
        // Enums as their JSON names (their @JsonValue, as the REST API writes them).
        if (value == null || value instanceof Boolean || value instanceof Number || value instanceof Enum<?>) {
            return value;
        }
        if (value instanceof String text) {
            return text.length() > MAX_STRING_LENGTH ? text.substring(0, MAX_STRING_LENGTH) + "…" : text;
        }
        throw new IllegalArgumentException("an audit field is a string, number, boolean, enum or a list of them: "
                + key + " is a " + value.getClass().getSimpleName());
    }

    /** For readers: the fields of stored JSON text, empty for none. */
    Map<String, Object> fields(String json) {
        if (json == null) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = jsonMapper.readValue(json, LinkedHashMap.class);
        return fields;
    }
}
