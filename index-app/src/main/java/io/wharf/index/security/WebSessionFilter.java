package io.wharf.index.security;

import io.wharf.index.oidc.LinkedOidcUser;
import io.wharf.index.requester.Requester;
import io.wharf.index.requester.UserRequester;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.authentication.RememberMeAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives each request of a signed-in web session the account's current {@link Requester} (see
 * {@link WebSessionUsers}), whether the session signed in with the login form, through the OpenID Connect
 * provider, or was remembered. When
 * the account is locked, gone, signed out everywhere, or its password changed elsewhere, the session ends
 * and the request continues as anonymous.
 */
class WebSessionFilter extends OncePerRequestFilter {

    private final WebSessionUsers users;

    WebSessionFilter(WebSessionUsers users) {
        this.users = users;
    }

    /** Error pages show who is signed in too. */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Long> accountId = sessionAccount(SecurityContextHolder.getContext().getAuthentication());
        if (accountId.isPresent()) {
            HttpSession session = request.getSession(false);
            String stamp = session == null ? null : (String) session.getAttribute(WebSessionUsers.SESSION_STAMP);
            Optional<WebSessionUsers.SessionUser> user = users.current(accountId.get(), stamp);
            if (user.isPresent()) {
                if (session != null && stamp == null) {
                    session.setAttribute(WebSessionUsers.SESSION_STAMP, user.get().sessionStamp());
                }
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(RequesterAuthentication.of(user.get().requester()));
                SecurityContextHolder.setContext(context);
            } else {
                SecurityContextHolder.clearContext();
                if (session != null) {
                    session.invalidate();
                }
            }
        }
        chain.doFilter(request, response);
    }

    private static Optional<Long> sessionAccount(Authentication authentication) {
        if (authentication instanceof RequesterAuthentication signedIn && signedIn.requester() instanceof UserRequester user) {
            return Optional.of(user.accountId());
        }
        if (authentication != null && authentication.getPrincipal() instanceof LinkedOidcUser linked) {
            return Optional.of(linked.accountId());
        }
        if (authentication instanceof RememberMeAuthenticationToken remembered
                && remembered.getPrincipal() instanceof AccountDetailsService.AccountDetails details) {
            return Optional.of(details.accountId());
        }
        return Optional.empty();
    }
}
