package io.wharf.registry.api;

import io.wharf.contract.name.InvalidRepositoryNameException;
import io.wharf.registry.auth.AuthenticationChallenge;
import io.wharf.registry.error.ErrorCode;
import io.wharf.registry.error.OciErrorBody;
import io.wharf.registry.error.RegistryException;
import java.io.IOException;
import java.util.Map;
import org.apache.catalina.connector.ClientAbortException;
import org.apache.coyote.BadRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Answers every failure of the distribution and admin APIs with the spec's error body, code and status. */
@RestControllerAdvice(assignableTypes = {DistributionRouter.class, AdminController.class,
        ProxyAdminController.class})
class OciErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(OciErrorAdvice.class);

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> registryError(RegistryException error) {
        ResponseEntity<Map<String, Object>> body = body(error.status(), error.code().name(), error.getMessage(),
                error.detail());
        if (error.headers().isEmpty()) {
            return body;
        }
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(body.getHeaders());
        error.headers().forEach(headers::set);
        return ResponseEntity.status(body.getStatusCode()).headers(headers).body(body.getBody());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> challenge(AuthenticationChallenge challenge) {
        ResponseEntity<Map<String, Object>> body = registryError(challenge);
        return ResponseEntity.status(body.getStatusCode()).headers(body.getHeaders())
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge.header()).body(body.getBody());
    }

    @ExceptionHandler
    ResponseEntity<Map<String, Object>> invalidName(InvalidRepositoryNameException error) {
        return body(ErrorCode.NAME_INVALID.status(), ErrorCode.NAME_INVALID.name(), error.getMessage(), null);
    }

    /** A client that went away mid-body or sent a malformed body; if it is still there it hears so. */
    @ExceptionHandler({ClientAbortException.class, BadRequestException.class})
    ResponseEntity<Map<String, Object>> brokenRequestBody(IOException error) {
        log.debug("request body broken off: {}", error.toString());
        return body(ErrorCode.BLOB_UPLOAD_INVALID.status(), ErrorCode.BLOB_UPLOAD_INVALID.name(),
                "the request body could not be read: " + error.getMessage(), null);
    }

    /**
     * An admin API body that is not the JSON the endpoint takes. Jackson's own text is left out: it may quote the
     * body, which may hold a password.
     */
    @ExceptionHandler
    ResponseEntity<Map<String, Object>> unreadableBody(HttpMessageNotReadableException error) {
        return body(HttpStatus.BAD_REQUEST, ErrorCode.UNSUPPORTED.name(), "the request body is not a JSON object"
                + " with the fields this endpoint takes, of their types (docs/operations.md describes them)", null);
    }

    /** Storage failures and bugs: logged in full, answered in the spec's format rather than an HTML page. */
    @ExceptionHandler
    ResponseEntity<Map<String, Object>> unexpected(Exception error) {
        log.error("request failed", error);
        int status = HttpStatus.INTERNAL_SERVER_ERROR.value();
        return OciErrorBody.answer(status, OciErrorBody.codeFor(status),
                "internal error: " + error.getClass().getSimpleName(), null);
    }

    private static ResponseEntity<Map<String, Object>> body(HttpStatusCode status, String code, String message,
            Object detail) {
        return OciErrorBody.answer(status.value(), code, message, detail);
    }
}
