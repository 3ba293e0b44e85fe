package io.wharf.index.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.authentication.rememberme.CookieTheftException;
import org.springframework.security.web.authentication.rememberme.PersistentRememberMeToken;
import org.springframework.security.web.authentication.rememberme.PersistentTokenBasedRememberMeServices;
import org.springframework.security.web.authentication.rememberme.PersistentTokenRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * "Remember me" with a token that changes at every use ({@code persistent_logins}). When a cookie comes back
 * with a token that was already replaced, two browsers hold the same login: one of them has a stolen copy.
 * Spring Security then deletes the user's remembered logins and throws {@link CookieTheftException}; this also
 * ends all the user's sessions, and {@link #stolenCookiePage} answers with the login page saying why.
 */
class RememberedLogins extends PersistentTokenBasedRememberMeServices {

    /** The login page's parameter for "you were signed out everywhere because of a stolen cookie". */
    static final String STOLEN_COOKIE = "stolenCookie";

    private final PersistentTokenRepository logins;
    private final WebSessionUsers sessionUsers;

    RememberedLogins(String key, UserDetailsService accounts, PersistentTokenRepository logins,
            WebSessionUsers sessionUsers) {
        super(key, accounts, logins);
        this.logins = logins;
        this.sessionUsers = sessionUsers;
    }

    @Override
    protected UserDetails processAutoLoginCookie(String[] cookieTokens, HttpServletRequest request,
            HttpServletResponse response) {
        // Read before Spring Security deletes it on theft: it names whose sessions to end.
        PersistentRememberMeToken remembered = cookieTokens.length == 2 ? logins.getTokenForSeries(cookieTokens[0]) : null;
        try {
            return super.processAutoLoginCookie(cookieTokens, request, response);
        } catch (CookieTheftException theft) {
            sessionUsers.signOutEverywhere(remembered.getUsername(), "a stolen remember-me cookie was replayed");
            throw theft;
        }
    }

    /**
     * Placed before Spring Security's remember-me filter: turns its {@link CookieTheftException} (the cookie is
     * already cancelled by then) into a redirect to the login page, which explains, instead of a 500.
     */
    static OncePerRequestFilter stolenCookiePage(String loginPage) {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                try {
                    chain.doFilter(request, response);
                } catch (CookieTheftException theft) {
                    HttpSession session = request.getSession(false);
                    if (session != null) {
                        session.invalidate();
                    }
                    response.sendRedirect(request.getContextPath() + loginPage + "?" + STOLEN_COOKIE);
                }
            }
        };
    }
}
