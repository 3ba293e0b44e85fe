package io.wharf.registry.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The registry's own request metrics, observed around every request (outside the handlers, which stay free of
 * metrics code):
 * <ul>
 *   <li>{@code wharf_registry_requests_seconds} by {@code route} (see {@link RequestRoute}), {@code method} and
 *       {@code status} (a blob GET handed to the container's sendfile is timed until the hand-over);
 *   <li>{@code wharf_registry_pushed_bytes_total}: request body bytes received by uploads and manifest pushes;
 *   <li>{@code wharf_registry_pulled_bytes_total}: body bytes of successful blob and manifest GETs (a redirect to
 *       the bucket serves none);
 *   <li>{@code wharf_registry_upload_completions_seconds}: requests that completed a blob upload (the final
 *       {@code PUT ?digest=} or a monolithic {@code POST}): last bytes, digest check, commit into the content address;
 *   <li>{@code wharf_registry_auth_failures_total}: requests that presented credentials and were answered 401 (a
 *       rejected, expired or foreign token; the anonymous first request of every docker client is not counted).
 * </ul>
 */
@Component
class RegistryRequestMetrics extends OncePerRequestFilter {

    private static final Set<String> BODY_METHODS = Set.of("PUT", "PATCH", "POST");
    private static final Set<String> PUSH_ROUTES = Set.of("uploads", "upload", "manifest");
    private static final Set<String> PULL_ROUTES = Set.of("blob", "manifest");

    private final MeterRegistry meters;
    private final Counter pushedBytes;
    private final Counter pulledBytes;
    private final Timer uploadCompletions;
    private final Counter authFailures;

    RegistryRequestMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.pushedBytes = Counter.builder("wharf.registry.pushed.bytes")
                .description("Request body bytes received by blob uploads and manifest pushes")
                .register(meters);
        this.pulledBytes = Counter.builder("wharf.registry.pulled.bytes")
                .description("Body bytes of successful blob and manifest GETs served by the registry")
                .register(meters);
        this.uploadCompletions = Timer.builder("wharf.registry.upload.completions")
                .description("Requests that completed a blob upload: last bytes, digest check, commit")
                .register(meters);
        this.authFailures = Counter.builder("wharf.registry.auth.failures")
                .description("Requests with credentials (a bearer token) that were answered 401")
                .register(meters);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // Scrapes and probes are not registry traffic.
        return request.getRequestURI().startsWith("/actuator");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        CountingRequest counted = BODY_METHODS.contains(request.getMethod()) ? new CountingRequest(request) : null;
        long start = System.nanoTime();
        int status = HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        try {
            chain.doFilter(counted == null ? request : counted, response);
            status = response.getStatus();
        } finally {
            record(request, response, counted, status, System.nanoTime() - start);
        }
    }

    private void record(HttpServletRequest request, HttpServletResponse response, CountingRequest counted,
            int status, long nanos) {
        String route = RequestRoute.of(request);
        String method = request.getMethod();
        Timer.builder("wharf.registry.requests")
                .description("Registry requests by route, method and status")
                .tag("route", route)
                .tag("method", method)
                .tag("status", Integer.toString(status))
                .register(meters)
                .record(nanos, TimeUnit.NANOSECONDS);
        if (counted != null && PUSH_ROUTES.contains(route)) {
            pushedBytes.increment(counted.bytesRead());
        }
        if ("GET".equals(method) && PULL_ROUTES.contains(route) && (status == 200 || status == 206)) {
            pulledBytes.increment(contentLength(response));
        }
        if (status == HttpServletResponse.SC_CREATED && isUploadCompletion(request, route, method)) {
            uploadCompletions.record(nanos, TimeUnit.NANOSECONDS);
        }
        if (status == HttpServletResponse.SC_UNAUTHORIZED && request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
            authFailures.increment();
        }
    }

    /** The final PUT of an upload, or a monolithic POST with {@code ?digest=} (a 201 to {@code ?mount=} uploads nothing). */
    private static boolean isUploadCompletion(HttpServletRequest request, String route, String method) {
        if ("upload".equals(route)) {
            return "PUT".equals(method);
        }
        String query = request.getQueryString();
        return "uploads".equals(route) && "POST".equals(method)
                && query != null && (query.startsWith("digest=") || query.contains("&digest="));
    }

    private static long contentLength(HttpServletResponse response) {
        String header = response.getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return header == null ? 0 : Long.parseLong(header);
        } catch (NumberFormatException notANumber) {
            return 0;
        }
    }
}
