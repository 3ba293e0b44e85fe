package io.wharf.contract.auth;

/** A scope that does not follow the resource scope grammar of the token specification. */
public class InvalidScopeException extends IllegalArgumentException {

    public InvalidScopeException(String scope, String reason) {
        super("invalid scope \"" + scope + "\": " + reason);
    }
}
