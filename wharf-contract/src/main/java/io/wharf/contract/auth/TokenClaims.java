package io.wharf.contract.auth;

/**
 * Claim names of the registry bearer token (a JWT, see {@code docker-auth-jwt.md}) that the index issues
 * and the registry verifies.
 *
 * <pre>
 * {"iss": "wharf-index", "sub": "alice", "aud": "wharf-registry",
 *  "exp": 1415387315, "nbf": 1415387015, "iat": 1415387015, "jti": "...",
 *  "access": [{"type": "repository", "name": "alice/app", "actions": ["pull", "push"]}],
 *  "refusals": [{"type": "repository", "name": "alice/app", "reason": "email_unconfirmed", "message": "..."}]}
 * </pre>
 *
 * {@code sub} is the empty string for an anonymous client; {@code aud} is a single string.
 */
public final class TokenClaims {

    public static final String ISSUER = "iss";
    public static final String SUBJECT = "sub";
    public static final String AUDIENCE = "aud";
    public static final String EXPIRES_AT = "exp";
    public static final String NOT_BEFORE = "nbf";
    public static final String ISSUED_AT = "iat";
    public static final String TOKEN_ID = "jti";

    /** The private claim: an array of {@link #ACCESS_TYPE}, {@link #ACCESS_NAME}, {@link #ACCESS_ACTIONS} objects. */
    public static final String ACCESS = "access";
    public static final String ACCESS_TYPE = "type";
    public static final String ACCESS_NAME = "name";
    public static final String ACCESS_ACTIONS = "actions";

    /**
     * Wharf's private claim: why actions asked for were not granted, an array of {@link #ACCESS_TYPE},
     * {@link #ACCESS_NAME}, {@link #REFUSAL_REASON}, {@link #REFUSAL_MESSAGE} objects (see {@link AccessRefusal}).
     */
    public static final String REFUSALS = "refusals";
    public static final String REFUSAL_REASON = "reason";
    public static final String REFUSAL_MESSAGE = "message";

    /**
     * The {@link #SUBJECT} of the index's own requests to the registry (a reconciliation, the administration pages).
     * No account can have it (account names have no dashes, robots' a {@code +}); the registry does not count its
     * manifest reads as pulls.
     */
    public static final String INDEX_SUBJECT = "wharf-index";

    private TokenClaims() {
    }
}
