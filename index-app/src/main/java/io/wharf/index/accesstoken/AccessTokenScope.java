package io.wharf.index.accesstoken;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.wharf.index.error.WireNames;

/** What an access token may do on top of its owner's permissions: only read, or everything they may. */
public enum AccessTokenScope {
    READ_ONLY,
    READ_WRITE;

    @JsonValue
    public String wireName() {
        return WireNames.of(this);
    }

    @JsonCreator
    public static AccessTokenScope fromWireName(String wireName) {
        return WireNames.parse(AccessTokenScope.class, wireName);
    }
}
