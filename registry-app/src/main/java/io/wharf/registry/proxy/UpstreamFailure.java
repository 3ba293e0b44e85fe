package io.wharf.registry.proxy;

import io.wharf.registry.error.ErrorCode;
import io.wharf.registry.error.RegistryException;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** Why the upstream did not give what the cache asked for. Never carries credentials. */
class UpstreamFailure extends RuntimeException {

    enum Kind {
        /** Not reachable, timed out, a 5xx, or an answer that is not what was asked for. */
        UNREACHABLE,
        /** 429; {@link #retryAfter} when the upstream said when to try again. */
        RATE_LIMITED,
        /** 404: the upstream has no such repository, tag or content. */
        NOT_FOUND,
        /** 401 or 403 after authenticating: the proxy's credentials are wrong or lack access. */
        REFUSED
    }

    private final Kind kind;
    private final String retryAfter;

    UpstreamFailure(Kind kind, String message, String retryAfter) {
        super(message);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    UpstreamFailure(Kind kind, String message) {
        this(kind, message, null);
    }

    Kind kind() {
        return kind;
    }

    /** The error the client hears when nothing cached can stand in. */
    RegistryException toClientError(String proxy, ErrorCode notFoundCode) {
        return switch (kind) {
            case RATE_LIMITED -> {
                RegistryException error = new RegistryException(ErrorCode.TOOMANYREQUESTS,
                        "the upstream of " + proxy + " is rate-limiting this registry; try again later",
                        Map.of("proxy", proxy));
                yield retryAfter == null ? error : error.withHeader(HttpHeaders.RETRY_AFTER, retryAfter);
            }
            case NOT_FOUND -> new RegistryException(notFoundCode, "the upstream of " + proxy + " has no " + getMessage(),
                    Map.of("proxy", proxy));
            case REFUSED -> new RegistryException(ErrorCode.UNAVAILABLE, HttpStatus.BAD_GATEWAY, "the upstream of "
                    + proxy + " refused the cache (" + getMessage() + "): an administrator must check its credentials",
                    Map.of("proxy", proxy));
            case UNREACHABLE -> new RegistryException(ErrorCode.UNAVAILABLE, "the upstream of " + proxy
                    + " cannot be reached and nothing cached can answer: " + getMessage(), Map.of("proxy", proxy));
        };
    }
}
