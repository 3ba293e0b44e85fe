package io.wharf.index.ui.site;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.ModelAndView;

/**
 * The HTML error page for a status: {@code error/404}, {@code error/403}, {@code error/500}, or the
 * generic {@code error}. The model holds only the status, its reason phrase, a message meant for the
 * user (or none) and the viewer: never an exception or a stack trace.
 */
final class ErrorPages {

    private ErrorPages() {
    }

    static ModelAndView page(HttpStatus status, String message) {
        Map<String, Object> model = new HashMap<>();
        model.put("status", status.value());
        model.put("reason", status.getReasonPhrase());
        model.put("message", message);
        model.put("viewer", Viewer.current());
        String view = switch (status) {
            case NOT_FOUND, FORBIDDEN, INTERNAL_SERVER_ERROR -> "error/" + status.value();
            default -> "error";
        };
        return new ModelAndView(view, model, status);
    }

    /** The page for a request the client got wrong, with the refusal's headers (such as {@code Allow}). */
    static ModelAndView page(MalformedRequests.Refusal refusal, HttpServletResponse response) {
        refusal.headers().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        return page(refusal.status(), refusal.message());
    }

    /** Whether the request is one a browser makes for a page, rather than an API client's. */
    static boolean wantsPage(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.startsWith("/api/") || path.startsWith("/v1/") || path.startsWith("/v2/")
                || path.startsWith("/actuator") || path.startsWith("/.well-known/"));
    }
}
