package io.wharf.e2e;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * A real OpenID Connect provider, Spring Authorization Server, in the test JVM on a loopback port: its form login
 * page, the index registered as a confidential client that must use PKCE, and people whose ID tokens are right or
 * deliberately wrong in one way each (issuer, expiry, nonce, a name an existing account holds).
 */
final class OidcTestProvider implements AutoCloseable {

    static final String PASSWORD = "provider-password";
    /** Signs in properly; in the groups {@link #GROUPS}. */
    static final String PERSON = "oidcalice";
    static final List<String> GROUPS = List.of("developers", "platform");
    /** Gets an ID token whose issuer is another one. */
    static final String FOREIGN_ISSUER = "oidcforeign";
    /** Gets an ID token that expired minutes ago (beyond any clock skew). */
    static final String EXPIRED = "oidcexpired";
    /** Gets an ID token with another sign-in's nonce. */
    static final String WRONG_NONCE = "oidcnonce";
    /** Is called by the name of the index's administrator. */
    static final String NAME_CLASH = "oidcclash";

    private final ConfigurableApplicationContext context;

    private OidcTestProvider(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts the provider with issuer {@code http://127.0.0.1:<port>}, knowing the index at {@code indexUrl}. */
    static OidcTestProvider start(int port, String indexUrl) {
        // Arguments, not default properties: they win over any application.yml on the test classpath.
        return new OidcTestProvider(new SpringApplicationBuilder(Provider.class).run(
                "--spring.config.name=oidc-test-provider",
                "--spring.main.banner-mode=off",
                "--server.address=127.0.0.1",
                "--server.port=" + port,
                // Both listen on 127.0.0.1, and browsers keep cookies by host, not port.
                "--server.servlet.session.cookie.name=PROVIDER_SESSION",
                "--provider.index-url=" + indexUrl));
    }

    @Override
    public void close() {
        context.close();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    @ImportAutoConfiguration({TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            SecurityFilterAutoConfiguration.class})
    static class Provider {

        @Bean
        @Order(1)
        SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
            http.oauth2AuthorizationServer(server -> {
                        http.securityMatcher(server.getEndpointsMatcher());
                        server.oidc(Customizer.withDefaults());
                    })
                    .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .exceptionHandling(exceptions -> exceptions
                            .authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")))
                    // The user info endpoint takes the access tokens this provider signed.
                    .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()));
            return http.build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain loginPage(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .formLogin(Customizer.withDefaults())
                    .build();
        }

        @Bean
        UserDetailsService people() {
            return new InMemoryUserDetailsManager(List.of(PERSON, FOREIGN_ISSUER, EXPIRED, WRONG_NONCE, NAME_CLASH)
                    .stream()
                    .map(name -> User.withUsername(name).password("{noop}" + PASSWORD).roles("USER").build())
                    .toList());
        }

        @Bean
        RegisteredClientRepository clients(Environment environment) {
            return new InMemoryRegisteredClientRepository(RegisteredClient.withId("wharf-index")
                    .clientId(WharfServers.OIDC_CLIENT_ID)
                    .clientSecret("{noop}" + WharfServers.OIDC_CLIENT_SECRET)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri(environment.getRequiredProperty("provider.index-url") + "/login/oauth2/code/oidc")
                    .scope(OidcScopes.OPENID)
                    .scope(OidcScopes.PROFILE)
                    .scope(OidcScopes.EMAIL)
                    // An authorization request without a PKCE code challenge is refused.
                    .clientSettings(ClientSettings.builder().requireProofKey(true).build())
                    .build());
        }

        @Bean
        AuthorizationServerSettings settings(Environment environment) {
            return AuthorizationServerSettings.builder()
                    .issuer("http://127.0.0.1:" + environment.getRequiredProperty("server.port"))
                    .build();
        }

        @Bean
        KeyPair signingKey() throws NoSuchAlgorithmException {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        }

        @Bean
        JWKSource<SecurityContext> keys(KeyPair signingKey) {
            RSAKey key = new RSAKey.Builder((RSAPublicKey) signingKey.getPublic())
                    .privateKey((RSAPrivateKey) signingKey.getPrivate())
                    .keyID("e2e-provider")
                    .build();
            return new ImmutableJWKSet<>(new JWKSet(key));
        }

        @Bean
        JwtDecoder accessTokens(KeyPair signingKey) {
            return NimbusJwtDecoder.withPublicKey((RSAPublicKey) signingKey.getPublic()).build();
        }

        /** The claims of each person's ID token, and what is wrong with it on purpose. */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> idTokens() {
            return context -> {
                if (!OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                    return;
                }
                String person = context.getPrincipal().getName();
                context.getClaims()
                        .claim("preferred_username", person.equals(NAME_CLASH) ? WharfServers.ADMIN_USER : person)
                        .claim("email", person + "@example.com")
                        .claim("email_verified", true)
                        .claim("groups", GROUPS);
                Instant now = Instant.now();
                switch (person) {
                    case FOREIGN_ISSUER -> context.getClaims().issuer("http://127.0.0.1:1/another-provider");
                    case EXPIRED -> context.getClaims()
                            .issuedAt(now.minus(Duration.ofMinutes(10)))
                            .expiresAt(now.minus(Duration.ofMinutes(5)));
                    case WRONG_NONCE -> context.getClaims().claim(OidcParameterNames.NONCE, "another-sign-in");
                    default -> { }
                }
            };
        }
    }
}
