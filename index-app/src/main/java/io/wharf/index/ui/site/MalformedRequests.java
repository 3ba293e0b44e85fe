package io.wharf.index.ui.site;

import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.beans.ConversionNotSupportedException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Tells a request the client got wrong (a missing or mistyped parameter, an unreadable form, a method the
 * address does not take) from a failure of the index: Spring MVC and Tomcat refuse such requests with
 * exceptions, which a page answers with their 4xx status and a message saying what was wrong, not a 500.
 */
final class MalformedRequests {

    /**
     * @param message for the user, naming the parameter at most (never a value, a class or a stack trace);
     *     null for the error page's own text
     * @param headers for the answer, such as {@code Allow} for a 405
     */
    record Refusal(HttpStatus status, String message, HttpHeaders headers) {

        private Refusal(HttpStatus status, String message) {
            this(status, message, HttpHeaders.EMPTY);
        }
    }

    private MalformedRequests() {
    }

    /** The refusal for a request the client got wrong, or empty when the exception is the index's failure. */
    static Optional<Refusal> refusal(Exception exception) {
        if (exception instanceof MissingServletRequestParameterException missing) {
            return Optional.of(new Refusal(HttpStatus.BAD_REQUEST,
                    "The request lacks the parameter “" + missing.getParameterName() + "”."));
        }
        // A converter the index lacks (ConversionNotSupportedException) is its own failure, not the client's.
        if (exception instanceof TypeMismatchException mismatch && !(exception instanceof ConversionNotSupportedException)) {
            String name = mismatch instanceof MethodArgumentTypeMismatchException argument
                    ? argument.getName() : mismatch.getPropertyName();
            return Optional.of(new Refusal(HttpStatus.BAD_REQUEST,
                    "The parameter “" + name + "” does not have a valid value."));
        }
        if (exception instanceof BindException invalid) {
            return Optional.of(new Refusal(HttpStatus.BAD_REQUEST, "These fields do not have valid values: "
                    + invalid.getFieldErrors().stream().map(FieldError::getField).distinct().sorted()
                            .collect(Collectors.joining(", ")) + "."));
        }
        if (exception instanceof HttpMessageNotReadableException) {
            return Optional.of(new Refusal(HttpStatus.BAD_REQUEST, "The form could not be read."));
        }
        if (exception instanceof InvalidParameterException) {
            return Optional.of(new Refusal(HttpStatus.BAD_REQUEST, "A parameter is not properly encoded."));
        }
        if (exception instanceof HttpRequestMethodNotSupportedException method) {
            return Optional.of(new Refusal(HttpStatus.METHOD_NOT_ALLOWED,
                    "This address does not take " + method.getMethod() + " requests.", method.getHeaders()));
        }
        // Spring's other refusals (unsupported media type, unknown address...) carry their status; a 5xx
        // among them (a missing path variable) is a mistake of the index.
        if (exception instanceof ErrorResponse described && described.getStatusCode().is4xxClientError()) {
            HttpStatus status = HttpStatus.resolve(described.getStatusCode().value());
            return Optional.of(new Refusal(status == null ? HttpStatus.BAD_REQUEST : status, null,
                    described.getHeaders()));
        }
        return Optional.empty();
    }
}
