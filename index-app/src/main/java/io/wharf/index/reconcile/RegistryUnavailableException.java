package io.wharf.index.reconcile;

import io.wharf.index.api.ApiException;
import org.springframework.http.HttpStatus;

/** The registry could not be read: answered 502, since the fault is upstream of the index. */
public class RegistryUnavailableException extends ApiException {

    public RegistryUnavailableException(String message) {
        super(HttpStatus.BAD_GATEWAY, "bad_gateway", message);
    }
}
