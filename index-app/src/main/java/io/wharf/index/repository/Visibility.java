package io.wharf.index.repository;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.wharf.index.error.WireNames;

/** Public repositories can be pulled by anyone, anonymous clients included; private ones by permission only. */
public enum Visibility {
    PUBLIC,
    PRIVATE;

    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    @JsonCreator
    public static Visibility fromWireName(String wireName) {
        return WireNames.parse(Visibility.class, wireName);
    }
}
