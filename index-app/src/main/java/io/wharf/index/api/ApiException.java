package io.wharf.index.api;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;

/**
 * A failure that the client caused or may see, answered with its status and an {@link ApiError}. A refusal of
 * what particular fields of the request hold names them ({@link #problems()}), so that a form can show each
 * message next to its input.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String error;
    private final List<FieldProblem> problems;

    public ApiException(HttpStatus status, String error, String message) {
        this(status, error, message, List.of());
    }

    private ApiException(HttpStatus status, String error, String message, List<FieldProblem> problems) {
        super(message);
        this.status = status;
        this.error = error;
        this.problems = problems;
    }

    /** 400 for a request whose fields break their rules; its message is the problems' messages (sentences). */
    public static ApiException invalid(List<FieldProblem> problems) {
        List<FieldProblem> sorted = FieldProblem.sorted(problems);
        return new ApiException(HttpStatus.BAD_REQUEST, "validation_failed",
                sorted.stream().map(FieldProblem::message).distinct().collect(Collectors.joining(" ")), sorted);
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

    /** This refusal, as one about the request's {@code field} (unless it names its fields already). */
    public ApiException onField(String field) {
        if (!problems.isEmpty()) {
            return this;
        }
        ApiException located = new ApiException(status, error, getMessage(), List.of(new FieldProblem(field, getMessage())));
        located.setStackTrace(getStackTrace());
        return located;
    }

    public HttpStatus status() {
        return status;
    }

    /** The fields this refusal is about, each with its message; empty when it is about the request as a whole. */
    public List<FieldProblem> problems() {
        return problems;
    }

    public ApiError body() {
        return new ApiError(error, getMessage(), null, problems.isEmpty() ? null : problems);
    }
}
