package io.wharf.index.security;

import io.wharf.index.account.Accounts;
import io.wharf.index.account.WebAccountProperties;
import io.wharf.index.credential.CredentialVerifier;
import io.wharf.index.error.ApiError;
import io.wharf.index.error.JsonErrorWriter;
import io.wharf.index.oidc.OidcLogin;
import io.wharf.index.requester.ClientAddresses;
import io.wharf.index.requester.SecretTokens;
import io.wharf.index.token.DockerTokenController;
import io.wharf.index.token.JwksController;
import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.boot.web.server.servlet.CookieSameSiteSupplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.RememberMeAuthenticationProvider;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.RememberMeServices;
import org.springframework.security.web.authentication.rememberme.JdbcTokenRepositoryImpl;
import org.springframework.security.web.authentication.rememberme.PersistentTokenRepository;
import org.springframework.security.web.authentication.rememberme.RememberMeAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Who may reach what, at the HTTP level. Finer decisions (may this user change that repository?) are
 * made by the services, which know the resources.
 *
 * <ul>
 *   <li>The Docker token endpoint and the JWKS are open: the token endpoint checks credentials itself,
 *       because anonymous clients get tokens too and failures must be answered the way Docker expects.
 *   <li>The REST API ({@code /api/**}) is stateless HTTP Basic (password or access token); requests
 *       without credentials are anonymous, and each service decides what anonymous clients may do. A
 *       read-only access token may only make GET requests. CSRF tokens are off because no cookie
 *       authenticates these requests; browsers remember Basic credentials, though, so the
 *       {@link CrossSiteWriteFilter} refuses the writes another site could make a browser send.
 *   <li>{@code /v1/**} (search for {@code docker search}), the health probes and the actuator (on its own
 *       loopback port) are stateless and open.
 *   <li>Everything else is the web UI: sessions, form login, sign-in with an OpenID Connect provider when one is
 *       configured ({@link OidcLogin}), remember-me, CSRF protection.
 * </ul>
 */
@Configuration
public class SecurityConfiguration {

    public static final String LOGIN_PAGE = "/login";
    static final String REMEMBER_ME_COOKIE = "wharf-remember-me";
    /**
     * Markdown descriptions may show images from anywhere over HTTPS; nothing else comes from elsewhere,
     * and no inline script or style runs.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; object-src 'none'; "
            + "img-src 'self' data: https:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
    /**
     * Only marks which remember-me authentications this process made; the cookies themselves are checked
     * against the database, so a per-process random key suffices.
     */
    private static final String REMEMBER_ME_KEY = SecretTokens.generate("");

    /** BCrypt today; the {@code {id}} prefix in stored hashes allows moving to another algorithm later. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * Spring Security observes nothing: by default it wraps each of a chain's filters in an observation and counts
     * every filter's passage as a meter: under load, 30% of the CPU the index spent on requests. Requests stay
     * counted and timed ({@code http_server_requests}), refused credentials too
     * ({@code wharf_index_auth_failures_total}).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
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
            JsonAuthenticationEntryPoint entryPoint, JsonErrorWriter errorWriter, ClientAddresses clientAddresses)
            throws Exception {
        return stateless(http.securityMatcher("/api/**"))
                .authenticationManager(new ProviderManager(credentials))
                .addFilterBefore(new CrossSiteWriteFilter(errorWriter), BasicAuthenticationFilter.class)
                .httpBasic(basic -> basic.authenticationEntryPoint(entryPoint).authenticationDetailsSource(clientAddresses))
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

    /** Machine endpoints without sessions: {@code docker search} (via the registry), probes and the actuator. */
    @Bean
    @Order(3)
    SecurityFilterChain machineChain(HttpSecurity http) throws Exception {
        return stateless(http.securityMatcher("/v1/**", "/actuator/**", "/livez", "/readyz"))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }

    /**
     * The web UI: everything else. Form login into a session (the same {@link RequesterAuthentication}
     * the API uses, refreshed at every request by {@link WebSessionFilter}), remember-me, CSRF tokens on
     * every form, and headers that keep pages from being framed or running foreign scripts. Pages are
     * public to read unless the service behind them says otherwise; settings and administration need a
     * signed-in user (administration an administrator).
     */
    @Bean
    @Order(4)
    SecurityFilterChain webUiChain(HttpSecurity http, CredentialVerifier verifier, WebSessionUsers sessionUsers,
            RememberMeServices rememberMe, ClientAddresses clientAddresses, OidcLogin oidcLogin) throws Exception {
        oidcLogin.configure(http, LOGIN_PAGE);
        List<AuthenticationProvider> signIns = new ArrayList<>(List.of(
                new PasswordLoginProvider(verifier), new RememberMeAuthenticationProvider(REMEMBER_ME_KEY)));
        signIns.addAll(oidcLogin.authenticationProviders());
        return http
                .authenticationManager(new ProviderManager(signIns))
                .formLogin(login -> login
                        .loginPage(LOGIN_PAGE).permitAll()
                        .authenticationDetailsSource(clientAddresses)
                        .failureUrl(LOGIN_PAGE + "?error"))
                .rememberMe(remember -> remember.rememberMeServices(rememberMe).key(REMEMBER_ME_KEY))
                .addFilterBefore(RememberedLogins.stolenCookiePage(LOGIN_PAGE), RememberMeAuthenticationFilter.class)
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl(LOGIN_PAGE + "?signedOut"))
                .addFilterAfter(new WebSessionFilter(sessionUsers), RememberMeAuthenticationFilter.class)
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint(LOGIN_PAGE))
                        .accessDeniedHandler(new WebAccessDenied()))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frames -> frames.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
                        .requestMatchers(WebAccessDenied.SESSION_EXPIRED_PAGE).permitAll()
                        .requestMatchers("/admin/**").hasRole("ADMIN")
                        .requestMatchers("/settings/**").authenticated()
                        .anyRequest().permitAll())
                .build();
    }

    /**
     * Remembered logins live in the database ({@code persistent_logins}), so they work on every replica
     * and end when the password changes; the cookie's token changes at every use (see {@link RememberedLogins}).
     */
    @Bean
    PersistentTokenRepository rememberedLogins(DataSource dataSource) {
        JdbcTokenRepositoryImpl repository = new JdbcTokenRepositoryImpl();
        repository.setDataSource(dataSource);
        return repository;
    }

    @Bean
    RememberMeServices rememberMeServices(Accounts accounts, PersistentTokenRepository rememberedLogins,
            WebSessionUsers sessionUsers, WebAccountProperties properties) {
        RememberedLogins services = new RememberedLogins(
                REMEMBER_ME_KEY, new AccountDetailsService(accounts), rememberedLogins, sessionUsers);
        services.setCookieName(REMEMBER_ME_COOKIE);
        services.setTokenValiditySeconds((int) properties.rememberMe().toSeconds());
        return services;
    }

    /** SameSite=Lax for the remember-me cookie too (the session cookie's is set in application.yml). */
    @Bean
    CookieSameSiteSupplier rememberMeCookieSameSite() {
        return CookieSameSiteSupplier.ofLax().whenHasName(REMEMBER_ME_COOKIE);
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
