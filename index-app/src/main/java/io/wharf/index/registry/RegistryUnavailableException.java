package io.wharf.index.registry;

import io.wharf.index.error.ApiException;
import org.springframework.http.HttpStatus;

/**
 * The registry could not do what the index asked: 502 when it answered with a failure (the fault is upstream of
 * the index), 503 when it could not be reached at all (try again later).
 */
public class RegistryUnavailableException extends ApiException {

    public RegistryUnavailableException(String message) {
        super(HttpStatus.BAD_GATEWAY, "bad_gateway", message);
    }

    private RegistryUnavailableException(HttpStatus status, String error, String message) {
        super(status, error, message);
    }

    public static RegistryUnavailableException unreachable(String message) {
        return new RegistryUnavailableException(HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable", message);
    }
}
