package io.wharf.registry.auth;

import io.wharf.registry.error.ErrorCode;
import io.wharf.registry.error.RegistryException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;

/**
 * A 401 that tells the client where to get a token for what it tried:
 * {@code WWW-Authenticate: Bearer realm="...",service="...",scope="..."}, with
 * {@code error="insufficient_scope"} and the refusal's message as {@code error_description} when a valid token
 * lacked the access.
 */
public class AuthenticationChallenge extends RegistryException {

    private final String header;

    AuthenticationChallenge(ErrorCode code, String message, AuthProperties properties,
            List<RequiredAccess> required, boolean insufficientScope) {
        super(code, HttpStatus.UNAUTHORIZED, message, null);
        StringBuilder header = new StringBuilder("Bearer realm=\"").append(properties.realm())
                .append("\",service=\"").append(properties.service()).append('"');
        if (!required.isEmpty()) {
            header.append(",scope=\"").append(scopeOf(required)).append('"');
        }
        if (insufficientScope) {
            // The Docker engine prints error_description after "denied:" (it reads the header before the body).
            header.append(",error=\"insufficient_scope\",error_description=\"")
                    .append(quotable(message)).append('"');
        }
        this.header = header.toString();
    }

    public String header() {
        return header;
    }

    /** The message as an RFC 7230 quoted-string's content: quotes and backslashes escaped, no control characters. */
    private static String quotable(String message) {
        return message.replaceAll("[\\p{Cntrl}]", " ").replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** Joins the actions per resource: {@code repository:team/app:pull,push}, resources space-separated. */
    private static String scopeOf(List<RequiredAccess> required) {
        return required.stream()
                .collect(Collectors.groupingBy(access -> access.resourceType() + ":" + access.resourceName(),
                        LinkedHashMap::new,
                        Collectors.mapping(RequiredAccess::action, Collectors.joining(","))))
                .entrySet().stream()
                .map(resource -> resource.getKey() + ":" + resource.getValue())
                .collect(Collectors.joining(" "));
    }
}
