package io.wharf.index.oidc;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

/**
 * Sign-in with the configured OpenID Connect provider, added to the web UI's security chain: the authorization code
 * flow with PKCE and a nonce, the ID token checked by Spring Security (signature by the provider's keys, issuer,
 * audience, expiry, nonce), then the person's Wharf account found or created by {@link OidcAccounts}. The session
 * that follows is an ordinary web session of that account ({@link LinkedOidcUser} names it). Failures go to
 * {@link #FAILURE_PAGE} with a plain reason ({@link OidcSignInFailures}); a provider that cannot be reached lets
 * the sign-in address through to {@link #SIGN_IN_PATH}'s page, which says so, instead of failing.
 */
@Component
public class OidcLogin {

    /** Where the login page's button goes: the redirect to the provider. */
    public static final String SIGN_IN_PATH =
            OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI + "/"
                    + OidcProperties.REGISTRATION_ID;
    /** The page that says why a sign-in through the provider failed. */
    public static final String FAILURE_PAGE = "/login/provider-error";

    private final OidcProperties properties;
    private final OidcAccounts accounts;
    private final ProviderRegistration provider;

    public OidcLogin(OidcProperties properties, OidcAccounts accounts) {
        this.properties = properties;
        this.accounts = accounts;
        this.provider = new ProviderRegistration(properties);
    }

    /**
     * Adds the provider's sign-in to the web UI's chain, when a provider is configured. The chain has its own
     * authentication manager, which ignores the providers this adds: it takes {@link #authenticationProviders()}.
     */
    public void configure(HttpSecurity http, String loginPage) throws Exception {
        if (!properties.enabled()) {
            return;
        }
        http.oauth2Login(login -> login
                .loginPage(loginPage)
                .clientRegistrationRepository(provider)
                // Nothing but the sign-in uses the provider's tokens: they stay in the session, which ends with them.
                .authorizedClientRepository(new HttpSessionOAuth2AuthorizedClientRepository())
                .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(whileAvailable()))
                .defaultSuccessUrl("/")
                .failureHandler(new OidcSignInFailures(properties, FAILURE_PAGE)));
    }

    /**
     * What checks the provider's answer at the end of a sign-in (code for tokens, the ID token, the account), for
     * the web UI's authentication manager; none when no provider is configured.
     */
    public List<AuthenticationProvider> authenticationProviders() {
        return properties.enabled()
                ? List.of(new OidcAuthorizationCodeAuthenticationProvider(timedTokenEndpoint(), linkingUserService()))
                : List.of();
    }

    /** The provider's name for the login page's button, when one is configured. */
    public Optional<String> displayName() {
        return properties.enabled() ? Optional.of(properties.displayName()) : Optional.empty();
    }

    /** Why the last sign-in through the provider failed, once: the failure page shows it. */
    public Optional<String> takeFailureReason(HttpSession session) {
        Object reason = session.getAttribute(OidcSignInFailures.REASON_ATTRIBUTE);
        session.removeAttribute(OidcSignInFailures.REASON_ATTRIBUTE);
        return Optional.ofNullable((String) reason);
    }

    /** Why the provider cannot be used now (see {@link ProviderRegistration}), or empty when it can. */
    public Optional<String> unavailableReason() {
        return provider.current().isPresent() ? Optional.empty() : Optional.of(provider.unavailableReason());
    }

    /**
     * The standard redirect to the provider with PKCE; while the provider cannot be read it resolves nothing, so
     * the request reaches the page that explains instead of Spring Security's bare error.
     */
    private OAuth2AuthorizationRequestResolver whileAvailable() {
        DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(provider,
                OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        return new OAuth2AuthorizationRequestResolver() {
            @Override
            public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
                // Asked of every request: only a sign-in may make the index read the provider.
                String path = request.getRequestURI().substring(request.getContextPath().length());
                return path.equals(SIGN_IN_PATH) && provider.current().isPresent() ? resolver.resolve(request) : null;
            }

            @Override
            public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String registrationId) {
                return provider.current().isPresent() ? resolver.resolve(request, registrationId) : null;
            }
        };
    }

    /** Spring Security's token endpoint client, as it builds it, but with the provider's timeout. */
    private RestClientAuthorizationCodeTokenResponseClient timedTokenEndpoint() {
        RestClientAuthorizationCodeTokenResponseClient tokenEndpoint = new RestClientAuthorizationCodeTokenResponseClient();
        tokenEndpoint.setRestClient(RestClient.builder()
                .requestFactory(provider.requests())
                .configureMessageConverters(converters -> converters.registerDefaults()
                        .addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build());
        return tokenEndpoint;
    }

    private OAuth2UserService<OidcUserRequest, OidcUser> linkingUserService() {
        RestTemplate timedUserInfo = new RestTemplate(provider.requests());
        timedUserInfo.setErrorHandler(new OAuth2ErrorResponseErrorHandler());
        DefaultOAuth2UserService userInfo = new DefaultOAuth2UserService();
        userInfo.setRestOperations(timedUserInfo);
        OidcUserService standard = new OidcUserService();
        standard.setOauth2UserService(userInfo);
        return request -> {
            OidcUser person = standard.loadUser(request);
            OidcAccounts.LinkedAccount account = accounts.signIn(person);
            return new LinkedOidcUser(person, account.accountId(), account.username());
        };
    }
}
