package io.wharf.index.event;

import io.wharf.index.IndexProperties;
import io.wharf.index.error.ApiException;
import io.wharf.index.requester.SecretTokens;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Only the registry may send events: it proves itself with {@code Authorization: Bearer <secret>}, the
 * secret both sides are configured with ({@code wharf.index.events.secret}).
 */
@Component
public class EventSenderCheck {

    private static final Logger log = LoggerFactory.getLogger(EventSenderCheck.class);
    private static final String BEARER = "Bearer ";

    /** The secret's hash, compared with the presented one's: equal lengths keep the comparison constant-time. */
    private final byte[] secretHash;

    public EventSenderCheck(IndexProperties properties) {
        IndexProperties.Events events = properties.events();
        this.secretHash = events.enabled() ? hash(events.secret()) : null;
        if (secretHash == null) {
            log.warn("Registry events are not configured (wharf.index.events.secret / WHARF_EVENTS_SECRET is empty):"
                    + " POST /api/events answers 503 and pushes will not show in the index until reconciled");
        }
    }

    /**
     * @throws ApiException 503 when no secret is configured, 401 when the header does not carry it
     */
    public void check(String authorization) {
        if (secretHash == null) {
            log.warn("Refused registry events: wharf.index.events.secret is not configured");
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable",
                    "this index does not accept registry events: no events secret is configured");
        }
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length());
        byte[] presented = hash(bearer ? authorization.substring(BEARER.length()).trim() : "");
        if (!bearer || !MessageDigest.isEqual(secretHash, presented)) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", "events need the registry's bearer secret");
        }
    }

    private static byte[] hash(String secret) {
        return SecretTokens.hash(secret).getBytes(StandardCharsets.US_ASCII);
    }
}
