package io.wharf.index.api;

import io.wharf.contract.auth.InvalidScopeException;
import io.wharf.contract.name.InvalidRepositoryNameException;
import io.wharf.index.security.AuthenticationFailureAnswer;
import io.wharf.index.security.BasicChallenge;
import io.wharf.index.token.DockerTokenController;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every exception that reaches a controller into an {@link ApiError} answer. Spring MVC's own
 * exceptions (missing parameter, wrong method, unreadable body...) keep the status Spring chose for
 * them; anything unexpected is logged and answered 500 without internals.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> handleApiException(ApiException exception, WebRequest request) {
        return answer(request, exception.status(), exception.body());
    }

    /** Failed sign-ins at the Docker token endpoint, which checks credentials itself. */
    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Object> handleAuthenticationFailure(AuthenticationException exception, WebRequest request) {
        AuthenticationFailureAnswer answer = AuthenticationFailureAnswer.of(exception);
        return answer(request, answer.status(), answer.headers(), answer.body());
    }

    @ExceptionHandler(InvalidScopeException.class)
    ResponseEntity<Object> handleInvalidScope(InvalidScopeException exception, WebRequest request) {
        return answer(request, HttpStatus.BAD_REQUEST, ApiError.of("invalid_scope", exception.getMessage()));
    }

    @ExceptionHandler(InvalidRepositoryNameException.class)
    ResponseEntity<Object> handleInvalidName(InvalidRepositoryNameException exception, WebRequest request) {
        return answer(request, HttpStatus.BAD_REQUEST, ApiError.of("invalid_name", exception.getMessage()));
    }

    /** A query or form parameter that is not valid percent-encoding, which Tomcat refuses to decode. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Object> handleUndecodableParameter(InvalidParameterException exception, WebRequest request) {
        return answer(request, HttpStatus.BAD_REQUEST, ApiError.of("bad_request", "a parameter is not properly encoded"));
    }

    /** Two requests raced to create the same name (the loser's check passed before the winner committed). */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> handleConflict(DataIntegrityViolationException exception, WebRequest request) {
        log.debug("constraint violation", exception);
        return answer(request, HttpStatus.CONFLICT, ApiError.of("conflict", "the resource already exists or changed"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception exception, WebRequest request) {
        log.error("unexpected failure on {}", request.getDescription(false), exception);
        return answer(request, HttpStatus.INTERNAL_SERVER_ERROR,
                ApiError.of("internal_error", "unexpected error; see the index log"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException exception, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = exception.getBindingResult().getAllErrors().stream()
                .map(error -> new FieldProblem(error instanceof FieldError field ? field.getField() : error.getObjectName(),
                        error.getDefaultMessage()))
                .toList();
        return handleApiException(ApiException.invalid(problems), request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException exception, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String message = exception.getAllErrors().stream()
                .map(error -> error.getDefaultMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return answer(request, HttpStatus.BAD_REQUEST, ApiError.of("validation_failed", message));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException exception, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return answer(request, HttpStatus.BAD_REQUEST,
                ApiError.of("bad_request", "invalid value for " + exception.getPropertyName()));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException exception, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // Our enums reject unknown values with a readable IllegalArgumentException; other parser messages
        // name internal classes, so they are replaced by a generic one.
        Throwable cause = exception.getMostSpecificCause();
        String message = cause instanceof IllegalArgumentException ? cause.getMessage() : "malformed JSON request body";
        return answer(request, HttpStatus.BAD_REQUEST, ApiError.of("malformed_body", message));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception exception, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // Spring's own exceptions describe themselves ("Method 'GET' is not supported.") without internals.
        String detail = exception instanceof ErrorResponse described ? described.getBody().getDetail() : null;
        HttpStatus known = HttpStatus.resolve(status.value());
        String message = detail != null ? detail : known != null ? known.getReasonPhrase() : ErrorCodes.forStatus(status);
        return answer(request, status, headers, ApiError.of(ErrorCodes.forStatus(status), message));
    }

    private ResponseEntity<Object> answer(WebRequest request, HttpStatusCode status, ApiError error) {
        return answer(request, status, HttpHeaders.EMPTY, error);
    }

    private ResponseEntity<Object> answer(WebRequest request, HttpStatusCode status, HttpHeaders headers, ApiError error) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status).headers(headers);
        if (status.value() == HttpStatus.UNAUTHORIZED.value() && headers.get(HttpHeaders.WWW_AUTHENTICATE) == null) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, BasicChallenge.HEADER_VALUE);
        }
        // The Docker client shows only "details" of a failed token request to its user.
        HttpServletRequest servletRequest = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
        boolean dockerTokenRequest = servletRequest != null
                && DockerTokenController.PATH.equals(servletRequest.getRequestURI());
        return response.body(dockerTokenRequest ? error.withDockerDetails() : error);
    }
}
