package io.wharf.index.ui.account;

import io.wharf.index.error.ApiException;
import io.wharf.index.oidc.OidcLogin;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The pages of a sign-in through the OpenID Connect provider that did not work out: the provider cannot be reached
 * (Spring Security lets {@link OidcLogin#SIGN_IN_PATH} through to here only then), or the sign-in failed, with the
 * reason {@link OidcLogin} left in the session.
 */
@Controller
public class ProviderSignInController {

    private static final String PAGE = "account/provider-error";

    private final OidcLogin oidcLogin;

    public ProviderSignInController(OidcLogin oidcLogin) {
        this.oidcLogin = oidcLogin;
    }

    @GetMapping(OidcLogin.SIGN_IN_PATH)
    String providerUnavailable(Model model, HttpServletResponse response) {
        String provider = oidcLogin.displayName().orElseThrow(() -> ApiException.notFound("no sign-in provider is configured"));
        String reason = oidcLogin.unavailableReason().orElse("it did not answer in time");
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        model.addAttribute("reason", provider + " cannot be reached right now, so you cannot sign in with it: " + reason
                + ". Try again in a few minutes, or log in with your Wharf password if you have one.");
        return PAGE;
    }

    @GetMapping(OidcLogin.FAILURE_PAGE)
    String signInFailed(HttpSession session, Model model, HttpServletResponse response) {
        return oidcLogin.takeFailureReason(session)
                .map(reason -> {
                    response.setStatus(HttpStatus.UNAUTHORIZED.value());
                    model.addAttribute("reason", reason);
                    return PAGE;
                })
                .orElse("redirect:/login");
    }
}
