package io.wharf.index.security;

import io.wharf.index.api.ApiError;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.AuthenticationException;

/**
 * The answer to a failed sign-in, the same from the REST API's HTTP Basic filter and from the Docker
 * token endpoint: 429 with {@code Retry-After} when throttled, otherwise 401 with a Basic challenge.
 */
public record AuthenticationFailureAnswer(HttpStatus status, HttpHeaders headers, ApiError body) {

    public static AuthenticationFailureAnswer of(AuthenticationException exception) {
        HttpHeaders headers = new HttpHeaders();
        if (exception instanceof LoginThrottledException throttled) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
            return new AuthenticationFailureAnswer(HttpStatus.TOO_MANY_REQUESTS, headers,
                    ApiError.of("too_many_requests", throttled.getMessage()));
        }
        headers.set(HttpHeaders.WWW_AUTHENTICATE, BasicChallenge.HEADER_VALUE);
        // Wrong and locked credentials carry our own messages (never whether a name exists: "locked" needs the
        // right password); other failures, such as a missing sign-in, get a generic one.
        String message = exception instanceof BadCredentialsException || exception instanceof LockedException
                ? exception.getMessage()
                : "authentication required";
        return new AuthenticationFailureAnswer(HttpStatus.UNAUTHORIZED, headers, ApiError.of("unauthorized", message));
    }
}
