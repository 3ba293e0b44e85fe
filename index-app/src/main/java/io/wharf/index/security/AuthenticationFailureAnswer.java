package io.wharf.index.security;

import io.wharf.index.credential.LoginThrottledException;
import io.wharf.index.directory.DirectoryUnavailableException;
import io.wharf.index.error.ApiError;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.core.AuthenticationException;

/**
 * The answer to a failed sign-in, the same from the REST API's HTTP Basic filter and from the Docker
 * token endpoint: 429 with {@code Retry-After} when throttled, 503 when the directory that checks the password did not
 * answer, otherwise 401 with a Basic challenge.
 */
public record AuthenticationFailureAnswer(HttpStatus status, HttpHeaders headers, ApiError body) {

    public static AuthenticationFailureAnswer of(AuthenticationException exception) {
        HttpHeaders headers = new HttpHeaders();
        if (exception instanceof LoginThrottledException throttled) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
            return new AuthenticationFailureAnswer(HttpStatus.TOO_MANY_REQUESTS, headers,
                    ApiError.of("too_many_requests", throttled.getMessage()));
        }
        if (exception instanceof DirectoryUnavailableException unanswered) {
            return new AuthenticationFailureAnswer(HttpStatus.SERVICE_UNAVAILABLE, headers,
                    ApiError.of("service_unavailable", unanswered.getMessage()));
        }
        headers.set(HttpHeaders.WWW_AUTHENTICATE, BasicChallenge.HEADER_VALUE);
        // Wrong credentials and refused accounts carry our own messages (never whether a name exists: an account's
        // status is told only with the right password); other failures, such as a missing sign-in, get a generic one.
        String message = exception instanceof BadCredentialsException || exception instanceof AccountStatusException
                ? exception.getMessage()
                : "authentication required";
        return new AuthenticationFailureAnswer(HttpStatus.UNAUTHORIZED, headers, ApiError.of("unauthorized", message));
    }
}
