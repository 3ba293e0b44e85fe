package io.wharf.index.search;

import io.wharf.contract.auth.AccessEntry;
import io.wharf.index.security.ClientAddresses;
import io.wharf.index.security.CredentialVerifier;
import io.wharf.index.security.Requester;
import io.wharf.index.token.RegistryTokenVerifier;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.stereotype.Component;

/**
 * Who is searching. Search never refuses a client: credentials that prove someone make them the
 * requester, anything else searches anonymously (public repositories only).
 *
 * <ul>
 *   <li>No {@code Authorization}: anonymous.
 *   <li>{@code Basic} with a password or access token that verifies: that user or robot. After a
 *       {@code docker login} that stored an identity token, the engine sends {@code Basic alice:} with an
 *       <em>empty</em> password; that proves nothing and is anonymous without being checked, so it never
 *       counts as a failed sign-in. Other wrong or throttled passwords are answered as anonymous, never 401
 *       or 429. They count as failures of that name from the address the index sees (search must not become
 *       a way to guess passwords unthrottled), which is the registry's: it forwards searches without the
 *       client's address. So they only ever delay searches, never anyone's sign-in from their own address.
 *   <li>{@code Bearer} with a registry token of this index that grants {@code registry:catalog:search}:
 *       its subject, when that is a user whose account is still usable. Robots search as anonymous
 *       clients do (they see public repositories only in every listing).
 * </ul>
 */
@Component
public class SearchRequesters {

    private static final String BEARER = "Bearer ";

    private final CredentialVerifier credentials;
    private final RegistryTokenVerifier tokens;
    private final ClientAddresses clientAddresses;
    private final BasicAuthenticationConverter basicCredentials = new BasicAuthenticationConverter();

    public SearchRequesters(CredentialVerifier credentials, RegistryTokenVerifier tokens,
            ClientAddresses clientAddresses) {
        this.credentials = credentials;
        this.tokens = tokens;
        this.clientAddresses = clientAddresses;
    }

    public Requester of(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            return Requester.ANONYMOUS;
        }
        if (authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return bearer(authorization.substring(BEARER.length()).trim()).orElse(Requester.ANONYMOUS);
        }
        return basic(request).orElse(Requester.ANONYMOUS);
    }

    private Optional<Requester> basic(HttpServletRequest request) {
        try {
            UsernamePasswordAuthenticationToken basic = basicCredentials.convert(request);
            String secret = basic == null ? "" : String.valueOf(basic.getCredentials());
            if (secret.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(credentials.verify(basic.getName(), secret, clientAddresses.of(request)).requester());
        } catch (AuthenticationException wrongMalformedOrThrottled) {
            return Optional.empty();
        }
    }

    private Optional<Requester> bearer(String jwt) {
        return tokens.verify(jwt)
                .filter(token -> token.access().allows(AccessEntry.REGISTRY, AccessEntry.CATALOG, AccessEntry.SEARCH))
                .filter(token -> token.subject() != null && !token.subject().isEmpty())
                .flatMap(token -> credentials.tokenSubject(token.subject()));
    }
}
