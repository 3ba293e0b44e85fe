package io.wharf.contract.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code access} claim of a token: what its bearer may do. Converts from and to the plain JSON
 * structure that JWT libraries hand out (lists, maps and strings), so that it works with any of them.
 */
public record GrantedAccess(List<AccessEntry> entries) {

    public GrantedAccess {
        entries = List.copyOf(entries);
    }

    public static GrantedAccess none() {
        return new GrantedAccess(List.of());
    }

    /** Whether some entry grants {@code action} on the resource; {@code *} grants every action. */
    public boolean allows(String type, String name, String action) {
        return entries.stream().anyMatch(entry -> entry.isSameResource(type, name) && entry.allows(action));
    }

    /** The claim value to put into a JWT: a list of {@code {type, name, actions}} maps. */
    public List<Map<String, Object>> toClaimValue() {
        List<Map<String, Object>> claim = new ArrayList<>();
        for (AccessEntry entry : entries) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put(TokenClaims.ACCESS_TYPE, entry.type());
            item.put(TokenClaims.ACCESS_NAME, entry.name());
            item.put(TokenClaims.ACCESS_ACTIONS, List.copyOf(entry.actions()));
            claim.add(item);
        }
        return claim;
    }

    /**
     * Reads the claim value of a verified JWT. A missing claim ({@code null}) grants nothing; a claim of
     * the wrong shape is rejected, because a token the registry cannot interpret must not be honoured.
     *
     * @throws IllegalArgumentException when the value is not a list of {@code {type, name, actions}} objects
     */
    public static GrantedAccess fromClaimValue(Object claimValue) {
        if (claimValue == null) {
            return none();
        }
        if (!(claimValue instanceof Collection<?> items)) {
            throw malformed("not an array");
        }
        List<AccessEntry> entries = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> fields)) {
                throw malformed("an entry is not an object");
            }
            entries.add(new AccessEntry(
                    requireString(fields.get(TokenClaims.ACCESS_TYPE), TokenClaims.ACCESS_TYPE),
                    requireString(fields.get(TokenClaims.ACCESS_NAME), TokenClaims.ACCESS_NAME),
                    actions(fields.get(TokenClaims.ACCESS_ACTIONS))));
        }
        return new GrantedAccess(entries);
    }

    private static Set<String> actions(Object value) {
        if (value == null) {
            return Set.of();
        }
        if (!(value instanceof Collection<?> actions)) {
            throw malformed("actions is not an array");
        }
        Set<String> result = new TreeSet<>();
        for (Object action : actions) {
            result.add(requireString(action, TokenClaims.ACCESS_ACTIONS));
        }
        return result;
    }

    private static String requireString(Object value, String field) {
        if (!(value instanceof String text)) {
            throw malformed(field + " is not a string");
        }
        return text;
    }

    private static IllegalArgumentException malformed(String reason) {
        return new IllegalArgumentException("malformed " + TokenClaims.ACCESS + " claim: " + reason);
    }
}
