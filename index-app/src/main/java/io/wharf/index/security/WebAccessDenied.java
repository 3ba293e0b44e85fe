package io.wharf.index.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SimpleSavedRequest;

/**
 * The web UI's refusals. A form whose CSRF token is missing or no longer matches was almost always sent after its
 * session expired: it goes to the "session expired" page ({@link #SESSION_EXPIRED_PAGE}), which shows what was
 * entered and sends the person to log in, after which the login comes back to the page the form was on. Other
 * refusals are the 403 error page.
 */
public final class WebAccessDenied implements AccessDeniedHandler {

    /** Where a refused form is forwarded; it answers any method, as the refused form's was. */
    public static final String SESSION_EXPIRED_PAGE = "/session-expired";
    /** The request attribute with the path and query of the page the refused form was on. */
    public static final String RETURN_TO = WebAccessDenied.class.getName() + ".returnTo";

    /** The request attribute with why a page was refused, which the error page shows when it is set. */
    public static final String REASON = WebAccessDenied.class.getName() + ".reason";

    /** {@link HttpSessionRequestCache}'s session attribute, which the login's success handler reads. */
    private static final String SAVED_REQUEST = "SPRING_SECURITY_SAVED_REQUEST";

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException, ServletException {
        if (!(denied instanceof CsrfException)) {
            if (request.getServletPath().startsWith("/admin")) {
                request.setAttribute(REASON, "Only administrators may open the administration pages; ask one of them"
                        + " for what you need from there.");
            }
            response.sendError(HttpStatus.FORBIDDEN.value());
            return;
        }
        String returnTo = formPage(request);
        // After logging in, the login's success handler sends the person back to the page saved here.
        request.getSession().setAttribute(SAVED_REQUEST, new SimpleSavedRequest(returnTo));
        request.setAttribute(RETURN_TO, returnTo);
        response.setStatus(HttpStatus.FORBIDDEN.value());
        request.getRequestDispatcher(SESSION_EXPIRED_PAGE).forward(request, response);
    }

    /**
     * The path and query of the page the form was on (its Referer, when it is this site), else the start page: never
     * another site, so that a crafted Referer cannot send anyone elsewhere after logging in.
     */
    static String formPage(HttpServletRequest request) {
        String referer = request.getHeader(HttpHeaders.REFERER);
        if (referer == null) {
            return "/";
        }
        try {
            URI uri = URI.create(referer);
            boolean sameSite = request.getServerName().equalsIgnoreCase(uri.getHost())
                    && request.getServerPort() == (uri.getPort() == -1 ? defaultPort(uri) : uri.getPort());
            String path = uri.getRawPath();
            if (!sameSite || path == null || !path.startsWith("/") || path.startsWith("//")) {
                return "/";
            }
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        } catch (IllegalArgumentException malformed) {
            return "/";
        }
    }

    private static int defaultPort(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
