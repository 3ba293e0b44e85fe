package io.wharf.index.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.wharf.index.security.SecurityConfiguration;
import io.wharf.index.token.DockerTokenController;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The index's own metrics, observed from the answers to requests (the token service and the security code stay
 * free of metrics code), in front of Spring Security so that its 401s are seen too:
 * <ul>
 *   <li>{@code wharf_index_tokens_issued_total} by {@code grant}: registry tokens handed out by
 *       {@code /v2/token} ({@code anonymous}, {@code basic} for a GET with credentials, {@code password} and
 *       {@code refresh_token} for the OAuth2 POST);
 *   <li>{@code wharf_index_auth_failures_total} by {@code endpoint} ({@code token}, {@code api}, {@code web} for the
 *       web UI's sign-in form, {@code other}) and {@code reason} ({@code rejected}: 401 to presented credentials, or
 *       the sign-in form sent back with an error; {@code throttled}: 429 after too many).
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class IndexAuthMetrics {

    /** Before Spring Security's filter chain (order -100). */
    private static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 50;

    @Bean
    FilterRegistrationBean<AuthOutcomeFilter> authOutcomeFilter(MeterRegistry meters) {
        FilterRegistrationBean<AuthOutcomeFilter> registration = new FilterRegistrationBean<>(
                new AuthOutcomeFilter(meters));
        registration.setOrder(ORDER);
        return registration;
    }

    static final class AuthOutcomeFilter extends OncePerRequestFilter {

        private final MeterRegistry meters;

        AuthOutcomeFilter(MeterRegistry meters) {
            this.meters = meters;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return request.getRequestURI().startsWith("/actuator");
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            chain.doFilter(request, response);
            boolean tokenEndpoint = DockerTokenController.PATH.equals(request.getRequestURI());
            int status = response.getStatus();
            if (tokenEndpoint && status == HttpServletResponse.SC_OK) {
                counter("wharf.index.tokens.issued", "Registry tokens issued by the token endpoint",
                        "grant", grant(request)).increment();
            }
            // The token endpoint only ever answers 401 to credentials it was given (anonymous clients get tokens);
            // elsewhere a 401 without credentials is just "please sign in".
            boolean presentedCredentials = tokenEndpoint || request.getHeader(HttpHeaders.AUTHORIZATION) != null;
            if (presentedCredentials && (status == HttpServletResponse.SC_UNAUTHORIZED || status == 429)) {
                authFailure(endpoint(request, tokenEndpoint), status == 429 ? "throttled" : "rejected");
            } else if (isFailedWebSignIn(request, response)) {
                authFailure("web", "rejected");
            }
        }

        private void authFailure(String endpoint, String reason) {
            counter("wharf.index.auth.failures", "Sign-ins and token requests refused",
                    "endpoint", endpoint, "reason", reason).increment();
        }

        /** The sign-in form answers a failure (wrong password, throttled, locked) with a redirect back to itself. */
        private static boolean isFailedWebSignIn(HttpServletRequest request, HttpServletResponse response) {
            String location = response.getHeader(HttpHeaders.LOCATION);
            return "POST".equals(request.getMethod())
                    && SecurityConfiguration.LOGIN_PAGE.equals(request.getRequestURI())
                    && response.getStatus() == HttpServletResponse.SC_FOUND
                    && location != null && location.endsWith(SecurityConfiguration.LOGIN_PAGE + "?error");
        }

        private Counter counter(String name, String description, String... tags) {
            return Counter.builder(name).description(description).tags(tags).register(meters);
        }

        private static String grant(HttpServletRequest request) {
            if ("POST".equals(request.getMethod())) {
                String grantType = request.getParameter("grant_type");
                return "refresh_token".equals(grantType) ? "refresh_token" : "password";
            }
            return request.getHeader(HttpHeaders.AUTHORIZATION) == null ? "anonymous" : "basic";
        }

        private static String endpoint(HttpServletRequest request, boolean tokenEndpoint) {
            if (tokenEndpoint) {
                return "token";
            }
            return request.getRequestURI().startsWith("/api/") ? "api" : "other";
        }
    }
}
