package io.wharf.registry.error;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A failure the client caused or must hear about, answered with the spec's error body:
 * {@code {"errors":[{"code":..., "message":..., "detail":...}]}}.
 */
public class RegistryException extends RuntimeException {

    private final ErrorCode code;
    private final HttpStatus status;
    private final Object detail;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public RegistryException(ErrorCode code, String message) {
        this(code, code.status(), message, null);
    }

    public RegistryException(ErrorCode code, String message, Object detail) {
        this(code, code.status(), message, detail);
    }

    public RegistryException(ErrorCode code, HttpStatus status, String message, Object detail) {
        super(message == null ? code.defaultMessage() : message);
        this.code = code;
        this.status = status;
        this.detail = detail;
    }

    public ErrorCode code() {
        return code;
    }

    public HttpStatus status() {
        return status;
    }

    public Object detail() {
        return detail;
    }

    /** Adds a header to the error answer (such as {@code Retry-After}); returns this exception. */
    public RegistryException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Map<String, String> headers() {
        return Map.copyOf(headers);
    }
}
