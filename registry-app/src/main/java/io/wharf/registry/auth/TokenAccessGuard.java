package io.wharf.registry.auth;

import io.wharf.contract.auth.AccessRefusal;
import io.wharf.contract.auth.GrantedAccess;
import io.wharf.contract.auth.RegistryTokenVerification.VerifiedToken;
import io.wharf.registry.error.ErrorCode;
import io.wharf.registry.error.RegistryException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;

/**
 * Docker registry token authentication: every request carries a bearer token the index signed, and the
 * token's {@code access} claim must grant what the request does. Otherwise the client hears where to get
 * a token for exactly that (a 401 challenge naming the scope).
 */
class TokenAccessGuard implements AccessGuard {

    private static final Logger log = LoggerFactory.getLogger(TokenAccessGuard.class);
    private static final String BEARER = "Bearer ";
    private static final String GENERAL_REFUSAL = "requested access to the resource is denied";
    /** The verified grant, kept for the rest of the request (a mount asks a second question). */
    private static final String GRANTED_ATTRIBUTE = TokenAccessGuard.class.getName() + ".granted";

    private final AuthProperties properties;
    private final TokenVerifier verifier;
    private final ThrottledWarning unknownKeys = new ThrottledWarning(log,
            "bearer tokens rejected: signed with a key the index does not publish");
    private final ThrottledWarning keysUnavailable = new ThrottledWarning(log, "cannot verify tokens");

    TokenAccessGuard(AuthProperties properties) {
        this.properties = properties;
        this.verifier = new TokenVerifier(properties);
    }

    @Override
    public void check(HttpServletRequest request, List<RequiredAccess> required) {
        VerifiedToken token = authenticate(request, required);
        required.stream()
                .filter(access -> !token.access().allows(access.resourceType(), access.resourceName(), access.action()))
                .findFirst()
                .ifPresent(missing -> {
                    throw new AuthenticationChallenge(ErrorCode.DENIED, refusalMessage(token, missing), properties,
                            required, true);
                });
    }

    /** The index's explanation of why the token lacks {@code missing}, or the spec's general refusal. */
    private static String refusalMessage(VerifiedToken token, RequiredAccess missing) {
        return token.refusals().stream()
                .filter(refusal -> refusal.isAbout(missing.resourceType(), missing.resourceName()))
                .map(AccessRefusal::message)
                .findFirst()
                .orElse(GENERAL_REFUSAL);
    }

    @Override
    public boolean permits(HttpServletRequest request, RequiredAccess access) {
        return request.getAttribute(GRANTED_ATTRIBUTE) instanceof GrantedAccess granted
                && granted.allows(access.resourceType(), access.resourceName(), access.action());
    }

    private VerifiedToken authenticate(HttpServletRequest request, List<RequiredAccess> required) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new AuthenticationChallenge(ErrorCode.UNAUTHORIZED, "authentication required", properties,
                    required, false);
        }
        try {
            VerifiedToken token = verifier.verify(authorization.substring(BEARER.length()).trim());
            request.setAttribute(GRANTED_ATTRIBUTE, token.access());
            Requester.remember(request, token.subject());
            return token;
        } catch (TokenVerifier.UnknownKeyException unknownKey) {
            unknownKeys.occurred("from " + request.getRemoteAddr());
            throw invalidToken(required);
        } catch (TokenVerifier.InvalidTokenException invalid) {
            log.debug("bearer token rejected: {}", invalid.getMessage());
            throw invalidToken(required);
        } catch (TokenVerifier.KeysUnavailableException unavailable) {
            keysUnavailable.occurred(unavailable.getCause().toString());
            throw new RegistryException(ErrorCode.UNAVAILABLE, "token verification is unavailable, try again");
        }
    }

    private AuthenticationChallenge invalidToken(List<RequiredAccess> required) {
        return new AuthenticationChallenge(ErrorCode.UNAUTHORIZED, "invalid or expired token: get a new one",
                properties, required, false);
    }
}
