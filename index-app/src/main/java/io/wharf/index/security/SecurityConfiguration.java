package io.wharf.index.security;

import io.wharf.index.api.ApiError;
import io.wharf.index.api.JsonErrorWriter;
import io.wharf.index.token.DockerTokenController;
import io.wharf.index.token.JwksController;
import java.util.function.Supplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Who may reach what, at the HTTP level. Finer decisions (may this user change that repository?) are
 * made by the services, which know the resources.
 *
 * <ul>
 *   <li>The Docker token endpoint and the JWKS are open: the token endpoint checks credentials itself,
 *       because anonymous clients get tokens too and failures must be answered the way Docker expects.
 *   <li>The REST API ({@code /api/**}) is stateless HTTP Basic (password or access token); requests
 *       without credentials are anonymous, and each service decides what anonymous clients may do. A
 *       read-only access token may only make GET requests. CSRF protection is off because no cookie
 *       authenticates these requests.
 *   <li>Everything else is open for now. The web UI (a later issue) will add its own filter chain with
 *       session login and CSRF protection for its pages, in front of this catch-all one.
 * </ul>
 */
@Configuration
public class SecurityConfiguration {

    /** BCrypt today; the {@code {id}} prefix in stored hashes allows moving to another algorithm later. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @Order(1)
    SecurityFilterChain dockerTokenChain(HttpSecurity http) throws Exception {
        return stateless(http.securityMatcher(DockerTokenController.PATH, JwksController.PATH))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain apiChain(HttpSecurity http, CredentialAuthenticationProvider credentials,
            JsonAuthenticationEntryPoint entryPoint, JsonErrorWriter errorWriter) throws Exception {
        return stateless(http.securityMatcher("/api/**"))
                .authenticationManager(new ProviderManager(credentials))
                .httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler((request, response, denied) -> errorWriter.write(response,
                                HttpStatus.FORBIDDEN.value(),
                                ApiError.of("forbidden", "a read-only access token may only read"))))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/api/**").permitAll()
                        .anyRequest().access(SecurityConfiguration::unlessReadOnly))
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain everythingElseChain(HttpSecurity http) throws Exception {
        return stateless(http)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }

    private static HttpSecurity stateless(HttpSecurity http) throws Exception {
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    }

    private static AuthorizationDecision unlessReadOnly(
            Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        boolean readOnly = authentication.get() instanceof RequesterAuthentication signedIn
                && signedIn.requester().readOnly();
        return new AuthorizationDecision(!readOnly);
    }
}
