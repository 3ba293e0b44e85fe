package io.wharf.index.token;

import io.wharf.contract.auth.AccessEntry;
import io.wharf.index.IndexProperties;
import io.wharf.index.api.ApiException;
import io.wharf.index.security.ClientAddresses;
import io.wharf.index.security.CredentialVerifier;
import io.wharf.index.security.Requester;
import io.wharf.index.security.VerifiedCredential;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Docker token endpoint: the {@code realm} of the registry's {@code Bearer} challenge.
 *
 * <ul>
 *   <li>{@code GET} ({@code docker-auth-token.md}): Basic credentials (password or access token) or none;
 *       repeated {@code scope}s; {@code offline_token=true} adds a refresh token. {@code docker login}
 *       sends this with {@code account}, {@code client_id=docker}, {@code offline_token=true} and no scope,
 *       then stores the refresh token as its identity token instead of the password.
 *   <li>{@code POST} ({@code docker-auth-oauth.md}): {@code grant_type=password} with username and
 *       password, or {@code grant_type=refresh_token} (what the daemon does with the identity token);
 *       {@code access_type=offline} adds a refresh token (the same one, for the refresh grant: refresh
 *       tokens are never rotated, because the daemon keeps using the first).
 * </ul>
 *
 * With {@code wharf.index.token.identity-tokens=false} no refresh token is issued, whatever the client asks.
 *
 * {@code account} is informational: the subject is whoever the credentials prove.
 */
@RestController
public class DockerTokenController {

    public static final String PATH = "/v2/token";

    /** RFC 6749 client identifiers: printable ASCII; capped to fit the column. */
    private static final Pattern CLIENT_ID = Pattern.compile("[\\x20-\\x7E]{1,100}");
    private static final String UNNAMED_CLIENT = "unspecified";

    private final DockerTokenService tokens;
    private final CredentialVerifier verifier;
    private final RefreshTokenService refreshTokens;
    private final ClientAddresses clientAddresses;
    private final boolean identityTokens;
    private final BasicAuthenticationConverter basicCredentials = new BasicAuthenticationConverter();

    public DockerTokenController(DockerTokenService tokens, CredentialVerifier verifier,
            RefreshTokenService refreshTokens, ClientAddresses clientAddresses, IndexProperties properties) {
        this.tokens = tokens;
        this.verifier = verifier;
        this.refreshTokens = refreshTokens;
        this.clientAddresses = clientAddresses;
        this.identityTokens = properties.token().identityTokens();
    }

    @GetMapping(PATH)
    public TokenResponse get(
            @RequestParam(required = false) String service,
            @RequestParam(name = "offline_token", defaultValue = "false") boolean offlineToken,
            @RequestParam(name = "client_id", required = false) String clientId,
            HttpServletRequest request) {
        List<AccessEntry> requested = tokens.requestedAccess(service, scopes(request));
        String client = clientName(clientId);
        UsernamePasswordAuthenticationToken basic = basicCredentials.convert(request);
        if (basic == null) {
            return tokens.issue(Requester.ANONYMOUS, requested, null);
        }
        VerifiedCredential credential = verifier.verify(
                basic.getName(), String.valueOf(basic.getCredentials()), clientAddresses.of(request));
        String refreshToken = offlineToken && identityTokens ? refreshTokens.issue(credential.source(), client) : null;
        return tokens.issue(credential.requester(), requested, refreshToken);
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    public TokenResponse post(
            @RequestParam(name = "grant_type") String grantType,
            @RequestParam(required = false) String service,
            @RequestParam(name = "client_id", required = false) String clientId,
            @RequestParam(name = "access_type", required = false) String accessType,
            @RequestParam(required = false) String username,
            @RequestParam(required = false) String password,
            @RequestParam(name = "refresh_token", required = false) String refreshToken,
            HttpServletRequest request) {
        List<AccessEntry> requested = tokens.requestedAccess(service, scopes(request));
        String client = clientName(clientId);
        boolean offline = "offline".equals(accessType) && identityTokens;
        switch (grantType) {
            case "password" -> {
                VerifiedCredential credential = verifier.verify(
                        required("username", username), required("password", password), clientAddresses.of(request));
                String issued = offline ? refreshTokens.issue(credential.source(), client) : null;
                return tokens.issue(credential.requester(), requested, issued);
            }
            case "refresh_token" -> {
                String presented = required("refresh_token", refreshToken);
                VerifiedCredential credential = refreshTokens.redeem(presented);
                return tokens.issue(credential.requester(), requested, offline ? presented : null);
            }
            default -> throw new ApiException(HttpStatus.BAD_REQUEST, "unsupported_grant_type",
                    "grant_type must be password or refresh_token");
        }
    }

    /**
     * All {@code scope} parameters, read raw: binding them to a {@code List<String>} would split a single
     * one at its commas, tearing {@code repository:a/b:pull,push} apart.
     */
    private static List<String> scopes(HttpServletRequest request) {
        String[] values = request.getParameterValues("scope");
        return values == null ? List.of() : List.of(values);
    }

    private static String required(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_request", name + " is required");
        }
        return value;
    }

    private static String clientName(String clientId) {
        if (clientId == null || clientId.isEmpty()) {
            return UNNAMED_CLIENT;
        }
        if (!CLIENT_ID.matcher(clientId).matches()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_request",
                    "client_id must be 1 to 100 printable ASCII characters");
        }
        return clientId;
    }
}
