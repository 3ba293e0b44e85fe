package io.wharf.registry.api;

import io.wharf.registry.error.OciErrorBody;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Spring's error path on the registry's port (an unknown address, a method an endpoint does not take, a failure
 * outside the distribution API's handlers): the spec's error body, in place of Spring Boot's
 * {@code {"timestamp":...}} one.
 */
@RestController
class OciErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(OciErrorController.class);

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        // Without the attributes, someone asked for the error path itself: an address the registry does not serve.
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 404;
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String original ? original
                : request.getRequestURI();
        String message = switch (status) {
            case 404 -> "no such endpoint: " + path + "; the registry serves the distribution API under /v2/";
            case 405 -> request.getMethod() + " is not supported on " + path;
            default -> OciErrorBody.reason(status) + " (" + path + ")" + cause(request);
        };
        if (status >= 500 && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure) {
            log.error("request to {} failed", path, failure);
        }
        return OciErrorBody.answer(status, OciErrorBody.codeFor(status), message, null);
    }

    /** Why the request failed, as far as the one who failed it said. */
    private static String cause(HttpServletRequest request) {
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        Object message = failure instanceof Throwable thrown ? thrown.getMessage()
                : request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        return message == null || message.toString().isBlank() ? "" : ": " + message;
    }
}
