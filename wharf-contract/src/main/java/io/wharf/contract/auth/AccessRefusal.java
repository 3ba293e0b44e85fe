package io.wharf.contract.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Why the token service granted less than was asked for one resource: a short {@link Reason} and one line for the
 * person at the client, which the registry answers with when the token falls short (the Docker CLI prints it after
 * {@code denied:}). The token protocol itself grants a subset silently; this travels in the token's
 * {@link TokenClaims#REFUSALS} claim, so the registry can explain a refusal without asking the index.
 */
public record AccessRefusal(String type, String name, Reason reason, String message) {

    /** The causes of a refusal; the wire form is the lowercase name. */
    public enum Reason {
        /** The repository's namespace is neither a user nor an organization. */
        NAMESPACE_UNKNOWN,
        /** A top-level repository, which only administrators and the official namespace's writers may push. */
        TOP_LEVEL,
        /** The user has not confirmed their email address yet. */
        EMAIL_UNCONFIRMED,
        /** The credential is a read-only access token. */
        READ_ONLY_TOKEN,
        /** The user's role (or the robot's permission) does not include the action. */
        INSUFFICIENT_ROLE,
        /** The account, or the owner of the robot's namespace, is locked. */
        LOCKED,
        /** Nothing grants the requester this repository (it may also not exist). */
        NO_ACCESS,
        /** The repository is in a pull-through cache's namespace, which only the cache fills. */
        PULL_THROUGH_CACHE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Reason fromWireName(String wireName) {
            return valueOf(wireName.toUpperCase(Locale.ROOT));
        }
    }

    public AccessRefusal {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    /** Whether this refusal is about that resource (by {@link AccessEntry#isSameResource}'s rule). */
    public boolean isAbout(String otherType, String otherName) {
        return new AccessEntry(type, name, Set.of()).isSameResource(otherType, otherName);
    }

    /** The claim value to put into a JWT: a list of {@code {type, name, reason, message}} maps. */
    public static List<Map<String, Object>> toClaimValue(Collection<AccessRefusal> refusals) {
        List<Map<String, Object>> claim = new ArrayList<>();
        for (AccessRefusal refusal : refusals) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put(TokenClaims.ACCESS_TYPE, refusal.type());
            item.put(TokenClaims.ACCESS_NAME, refusal.name());
            item.put(TokenClaims.REFUSAL_REASON, refusal.reason().wireName());
            item.put(TokenClaims.REFUSAL_MESSAGE, refusal.message());
            claim.add(item);
        }
        return claim;
    }

    /**
     * Reads the claim of a verified JWT. It only explains, never grants, so what cannot be read is left out
     * rather than failing the token: a missing or malformed claim gives no refusals.
     */
    public static List<AccessRefusal> fromClaimValue(Object claimValue) {
        if (!(claimValue instanceof Collection<?> items)) {
            return List.of();
        }
        List<AccessRefusal> refusals = new ArrayList<>();
        for (Object item : items) {
            if (item instanceof Map<?, ?> fields
                    && fields.get(TokenClaims.ACCESS_TYPE) instanceof String type
                    && fields.get(TokenClaims.ACCESS_NAME) instanceof String name
                    && fields.get(TokenClaims.REFUSAL_REASON) instanceof String reason
                    && fields.get(TokenClaims.REFUSAL_MESSAGE) instanceof String message) {
                try {
                    refusals.add(new AccessRefusal(type, name, Reason.fromWireName(reason), message));
                } catch (IllegalArgumentException unknownReason) {
                    // A reason from a newer index: skipped; the registry then gives its general refusal.
                }
            }
        }
        return List.copyOf(refusals);
    }
}
