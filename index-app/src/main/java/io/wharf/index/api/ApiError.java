package io.wharf.index.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The body of every error answer: a stable machine-readable {@code error} code and a human-readable
 * {@code message}. {@code fields} lists the request's fields the refusal is about, each with its own message (only
 * then). {@code details} repeats the message only on the Docker token endpoint, because that is the one field the
 * Docker client shows to its user (see {@link #withDockerDetails()}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String message, String details, List<FieldProblem> fields) {

    public static ApiError of(String error, String message) {
        return new ApiError(error, message, null, null);
    }

    public ApiError withDockerDetails() {
        return new ApiError(error, message, message, fields);
    }
}
