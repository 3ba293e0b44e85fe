package io.wharf.index.security;

import io.wharf.index.api.ApiError;
import io.wharf.index.api.JsonErrorWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps other web sites from changing anything through the REST API with a visitor's browser, which sends
 * the Basic credentials it remembers for the index along with any request. A browser sends a cross-site
 * request without asking the index first only when it is a "simple" one (CORS): of the methods that change
 * something, only {@code POST}, and only with no body type or a form or text body. Those are refused here,
 * before any credential is checked; {@code PUT}, {@code PATCH} and {@code DELETE}, and a {@code POST} of
 * JSON, make the browser ask first, and the index allows no other origin.
 */
class CrossSiteWriteFilter extends OncePerRequestFilter {

    /** The body types a page may send anywhere without asking (the CORS-safelisted {@code Content-Type}s). */
    private static final Set<String> SIMPLE_BODY_TYPES =
            Set.of("application/x-www-form-urlencoded", "multipart/form-data", "text/plain");
    static final String MESSAGE = "send this request with Content-Type: application/json; the API refuses "
            + "form, text and untyped POSTs, which other web sites could make a browser send";

    private final JsonErrorWriter errorWriter;

    CrossSiteWriteFilter(JsonErrorWriter errorWriter) {
        this.errorWriter = errorWriter;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (HttpMethod.POST.matches(request.getMethod()) && simpleBodyType(request.getContentType())) {
            errorWriter.write(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE.value(),
                    ApiError.of("unsupported_media_type", MESSAGE));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean simpleBodyType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return SIMPLE_BODY_TYPES.contains(type);
    }
}
