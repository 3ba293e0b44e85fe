package io.wharf.index.oidc;

import java.net.http.HttpClient;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The provider's registration, built from its discovery document at the first sign-in rather than at start: a
 * provider that is down while the index starts must not keep the index from starting. Until the document was
 * read, every sign-in tries again (within the timeout); once read, it is kept for the life of the process.
 */
class ProviderRegistration implements ClientRegistrationRepository {

    private static final Logger log = LoggerFactory.getLogger(ProviderRegistration.class);
    private static final String DISCOVERY_PATH = "/.well-known/openid-configuration";

    private final OidcProperties properties;
    /** Made when first needed, not at start (nor ever while sign-in with a provider is off). */
    private final SingletonSupplier<JdkClientHttpRequestFactory> requests;
    private final SingletonSupplier<RestClient> http;
    private volatile ClientRegistration registration;
    private volatile String unavailableReason = "it has not been asked yet";

    ProviderRegistration(OidcProperties properties) {
        this.properties = properties;
        this.requests = SingletonSupplier.of(() -> {
            JdkClientHttpRequestFactory timed = new JdkClientHttpRequestFactory(
                    HttpClient.newBuilder().connectTimeout(properties.timeout()).build());
            timed.setReadTimeout(properties.timeout());
            return timed;
        });
        this.http = SingletonSupplier.of(() -> RestClient.builder().requestFactory(requests.obtain()).build());
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        return OidcProperties.REGISTRATION_ID.equals(registrationId) ? current().orElse(null) : null;
    }

    /** The registration, read from the provider if it has not been yet; empty while the provider cannot be read. */
    synchronized Optional<ClientRegistration> current() {
        if (registration == null) {
            String issuer = properties.issuerUri().replaceFirst("/+$", "");
            try {
                Map<String, Object> metadata = http.obtain().get().uri(issuer + DISCOVERY_PATH).retrieve()
                        .body(new ParameterizedTypeReference<>() { });
                Object announced = metadata == null ? null : metadata.get("issuer");
                if (!properties.issuerUri().equals(announced)) {
                    throw new IllegalStateException("its discovery document names the issuer " + announced
                            + ", not the configured " + properties.issuerUri());
                }
                registration = ClientRegistrations.fromOidcConfiguration(metadata)
                        .registrationId(OidcProperties.REGISTRATION_ID)
                        .clientId(properties.clientId())
                        .clientSecret(properties.clientSecret())
                        .clientName(properties.displayName())
                        .scope(properties.scopes())
                        .build();
            } catch (RestClientException | IllegalArgumentException | IllegalStateException unreadable) {
                unavailableReason = "its discovery document at " + issuer + DISCOVERY_PATH + " could not be read ("
                        + unreadable.getMessage() + ")";
                log.warn("OpenID Connect provider unavailable: {}", unavailableReason);
            }
        }
        return Optional.ofNullable(registration);
    }

    /** Requests to the provider that give up after the configured timeout. */
    ClientHttpRequestFactory requests() {
        return requests.obtain();
    }

    /** Why the provider cannot be used, while {@link #current()} is empty. */
    String unavailableReason() {
        return unavailableReason;
    }
}
