package io.wharf.index.ui.account;

import io.wharf.index.oidc.OidcLogin;
import io.wharf.index.ui.site.Viewer;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The login form. Spring Security handles its POST (see {@code SecurityConfiguration}) and comes back
 * here with {@code ?error} after a failure, whose reason it left in the session. With an OpenID Connect provider
 * configured, the page also has a "Sign in with ..." button.
 */
@Controller
public class LoginController {

    private final OidcLogin oidcLogin;

    public LoginController(OidcLogin oidcLogin) {
        this.oidcLogin = oidcLogin;
    }

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String signedOut,
            @RequestParam(required = false) String stolenCookie, HttpSession session, Model model) {
        if (Viewer.current() != null) {
            return "redirect:/";
        }
        if (error != null) {
            Object failure = session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            session.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            model.addAttribute("error", failure instanceof AuthenticationException exception
                    ? exception.getMessage()
                    : "invalid username or password");
        }
        if (signedOut != null) {
            model.addAttribute("notice", "You have signed out.");
        }
        if (stolenCookie != null) {
            model.addAttribute("error", "This browser showed a \"remember me\" cookie that had already been used "
                    + "elsewhere, so a copy of it may have been stolen. You are now signed out on every browser. "
                    + "Log in again, and change your password if you did not expect this.");
        }
        oidcLogin.displayName().ifPresent(provider -> model.addAttribute("oidcProvider", provider));
        return "account/login";
    }
}
