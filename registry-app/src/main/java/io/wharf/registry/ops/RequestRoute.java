package io.wharf.registry.ops;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;

/**
 * The route a request was matched to, as a metrics tag. The distribution API is one {@code /v2/**} mapping, so
 * Spring's own {@code uri} tag would be {@code /v2/**} for everything (and a raw path would make one time series
 * per repository and digest); the router names the route it picked here instead: a small, fixed set of values.
 */
public final class RequestRoute {

    private static final String ATTRIBUTE = RequestRoute.class.getName();

    private RequestRoute() {
    }

    /** Called by the router once it matched {@code route} (an enum constant's name). */
    public static void remember(HttpServletRequest request, String route) {
        request.setAttribute(ATTRIBUTE, route.toLowerCase(Locale.ROOT));
    }

    /**
     * The remembered route, otherwise a name for the part of the API the path belongs to: {@code unmatched} for a
     * {@code /v2} path no route took (or whose repository name was invalid), {@code v1} for the docker search
     * endpoints, {@code admin}, or {@code other}.
     */
    static String of(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof String route) {
            return route;
        }
        String path = request.getRequestURI();
        if (path.startsWith("/v2")) {
            return "unmatched";
        }
        if (path.startsWith("/v1/")) {
            return "v1";
        }
        if (path.startsWith("/admin/")) {
            return "admin";
        }
        return "other";
    }
}
