package io.wharf.registry.error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.MediaType;

/**
 * The spec's error body, {@code {"errors":[{"code","message","detail"}]}}: the one shape of every error the
 * registry's port answers, from the handlers, Spring's error path and Tomcat's connector alike.
 */
public final class OciErrorBody {

    /** The code of a failure that no handler named: a 5xx other than 503, as CNCF Distribution calls it. */
    static final String UNKNOWN = "UNKNOWN";

    private OciErrorBody() {
    }

    public static Map<String, Object> of(String code, String message, Object detail) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        if (detail != null) {
            error.put("detail", detail);
        }
        return Map.of("errors", List.of(error));
    }

    public static ResponseEntity<Map<String, Object>> answer(int status, String code, String message, Object detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(of(code, message, detail));
    }

    /**
     * The code for a status that was decided outside the handlers (by Tomcat, or by Spring before a handler ran):
     * the spec's code for that status where it has one, else {@code UNSUPPORTED} for a request the registry does
     * not take, and {@code UNKNOWN} for its own failures. (Nothing on the registry's port answers 429.)
     */
    public static String codeFor(int status) {
        return switch (status) {
            case 401 -> ErrorCode.UNAUTHORIZED.name();
            case 403 -> ErrorCode.DENIED.name();
            case 413 -> ErrorCode.SIZE_INVALID.name();
            case 503 -> ErrorCode.UNAVAILABLE.name();
            case 501, 505 -> ErrorCode.UNSUPPORTED.name();
            default -> status < 500 ? ErrorCode.UNSUPPORTED.name() : UNKNOWN;
        };
    }

    /** Reason phrase of a status, e.g. "Bad Request". */
    public static String reason(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "error " + status : known.getReasonPhrase();
    }
}
