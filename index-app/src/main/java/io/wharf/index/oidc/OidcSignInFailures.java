package io.wharf.index.oidc;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Turns a failed sign-in through the provider into a plain reason, kept in the session for the failure page (as a
 * failed password login keeps its exception for the login page), and sends the browser there.
 */
class OidcSignInFailures implements AuthenticationFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(OidcSignInFailures.class);
    /** Spring Security's code when the callback's {@code state} matches no sign-in this browser started. */
    private static final String AUTHORIZATION_REQUEST_NOT_FOUND = "authorization_request_not_found";
    private static final String INVALID_STATE = "invalid_state_parameter";
    private static final String INVALID_ID_TOKEN = "invalid_id_token";
    private static final String INVALID_NONCE = "invalid_nonce";

    /** Session attribute: the reason the last sign-in through the provider failed. */
    static final String REASON_ATTRIBUTE = OidcSignInFailures.class.getName() + ".reason";

    private final OidcProperties properties;
    private final String failurePage;

    OidcSignInFailures(OidcProperties properties, String failurePage) {
        this.properties = properties;
        this.failurePage = failurePage;
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException failure) throws IOException {
        String reason = reason(failure);
        log.info("Sign-in through the OpenID Connect provider failed: {} ({})", reason, failure.getMessage());
        request.getSession().setAttribute(REASON_ATTRIBUTE, reason);
        response.sendRedirect(request.getContextPath() + failurePage);
    }

    String reason(AuthenticationException failure) {
        String provider = properties.displayName();
        OAuth2Error error = failure instanceof OAuth2AuthenticationException oauth2
                ? oauth2.getError() : new OAuth2Error(OAuth2ErrorCodes.SERVER_ERROR, failure.getMessage(), null);
        String description = String.valueOf(error.getDescription());
        return switch (error.getErrorCode()) {
            case OidcAccounts.ACCOUNT_REFUSED -> description;
            case AUTHORIZATION_REQUEST_NOT_FOUND, INVALID_STATE -> "This sign-in does not match one started in this"
                    + " browser (its \"state\" is unknown here): the link back from " + provider + " was changed,"
                    + " reused, or comes from another browser. Start again with the \"Sign in with " + provider
                    + "\" button.";
            case INVALID_NONCE -> "The ID token " + provider + " sent was issued for another sign-in (its nonce does"
                    + " not match this one), so it was not accepted. Start again; if this keeps happening, tell your"
                    + " administrator.";
            case INVALID_ID_TOKEN -> idTokenReason(provider, description);
            case OAuth2ErrorCodes.ACCESS_DENIED -> provider + " did not let you sign in to Wharf (access denied)."
                    + " Try again, or ask your administrator whether you may use Wharf.";
            default -> "Signing in with " + provider + " failed (" + error.getErrorCode()
                    + (error.getDescription() == null ? "" : ": " + description) + "). Try again; if it keeps"
                    + " failing, tell your administrator.";
        };
    }

    private String idTokenReason(String provider, String description) {
        if (description.contains("iss=")) {
            return "The ID token was not issued by " + provider + " as Wharf knows it (its issuer is not "
                    + properties.issuerUri() + "), so it was not accepted. Tell your administrator: the provider's"
                    + " issuer and wharf.index.oidc.issuer-uri must be the same.";
        }
        if (description.contains("expired") || description.contains("exp=")) {
            return "The ID token " + provider + " sent had already expired, so it was not accepted. Start again;"
                    + " if this keeps happening, the clocks of Wharf and " + provider + " may differ.";
        }
        return "The ID token " + provider + " sent could not be verified (" + description + "), so it was not"
                + " accepted. Start again; if this keeps happening, tell your administrator.";
    }
}
