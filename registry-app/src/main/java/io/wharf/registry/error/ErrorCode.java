package io.wharf.registry.error;

import org.springframework.http.HttpStatus;

/** The error codes of the OCI distribution spec (and Docker token auth), each with the status it answers. */
public enum ErrorCode {
    BLOB_UNKNOWN(HttpStatus.NOT_FOUND, "blob unknown to registry"),
    BLOB_UPLOAD_INVALID(HttpStatus.BAD_REQUEST, "blob upload invalid"),
    BLOB_UPLOAD_UNKNOWN(HttpStatus.NOT_FOUND, "blob upload unknown to registry"),
    DIGEST_INVALID(HttpStatus.BAD_REQUEST, "provided digest did not match uploaded content"),
    MANIFEST_BLOB_UNKNOWN(HttpStatus.BAD_REQUEST, "manifest references a manifest or blob unknown to registry"),
    MANIFEST_INVALID(HttpStatus.BAD_REQUEST, "manifest invalid"),
    MANIFEST_UNKNOWN(HttpStatus.NOT_FOUND, "manifest unknown to registry"),
    NAME_INVALID(HttpStatus.BAD_REQUEST, "invalid repository name"),
    NAME_UNKNOWN(HttpStatus.NOT_FOUND, "repository name not known to registry"),
    SIZE_INVALID(HttpStatus.BAD_REQUEST, "provided length did not match content length"),
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "authentication required"),
    DENIED(HttpStatus.FORBIDDEN, "requested access to the resource is denied"),
    UNSUPPORTED(HttpStatus.METHOD_NOT_ALLOWED, "the operation is unsupported"),
    /** Distribution's code for a dependency (here: the index's signing keys) that cannot be reached. */
    UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "service unavailable"),
    TOOMANYREQUESTS(HttpStatus.TOO_MANY_REQUESTS, "too many requests");

    private final HttpStatus status;
    private final String defaultMessage;

    ErrorCode(HttpStatus status, String defaultMessage) {
        this.status = status;
        this.defaultMessage = defaultMessage;
    }

    public HttpStatus status() {
        return status;
    }

    public String defaultMessage() {
        return defaultMessage;
    }
}
