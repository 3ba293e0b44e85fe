package io.wharf.registry.auth;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Token authentication of the registry (Docker registry token auth, with the index as token service).
 *
 * @param enabled whether every request needs a bearer token; off makes a fully open registry
 * @param realm where clients get tokens: the index's token endpoint, as clients reach it
 * @param service this registry's service name: the audience tokens must be issued for
 * @param issuer the issuer tokens must carry
 * @param jwksUri where the index publishes its signing keys (JWKS); fetched once and cached
 */
@ConfigurationProperties("wharf.registry.auth")
public record AuthProperties(boolean enabled, String realm, String service, String issuer, URI jwksUri) {
}
