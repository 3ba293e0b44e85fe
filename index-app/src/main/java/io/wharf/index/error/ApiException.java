package io.wharf.index.error;

import io.wharf.index.error.ApiError;
import org.springframework.http.HttpStatus;

/** A failure that the client caused or may see, answered with its status and an {@link ApiError}. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String error;

    public ApiException(HttpStatus status, String error, String message) {
        super(message);
        this.status = status;
        this.error = error;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, "bad_request", message);
    }

    /** Anonymous request to something that needs an account: answered 401 with a Basic challenge. */
    public static ApiException authenticationRequired() {
        return new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", "authentication required");
    }

    public static ApiException forbidden(String message) {
        return new ApiException(HttpStatus.FORBIDDEN, "forbidden", message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(HttpStatus.NOT_FOUND, "not_found", message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(HttpStatus.CONFLICT, "conflict", message);
    }

    public HttpStatus status() {
        return status;
    }

    public ApiError body() {
        return ApiError.of(error, getMessage());
    }
}
