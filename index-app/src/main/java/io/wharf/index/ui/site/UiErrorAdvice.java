package io.wharf.index.ui.site;

import io.wharf.contract.name.InvalidRepositoryNameException;
import io.wharf.index.error.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * What a page shows when a service refuses ({@link ApiException}) or something else fails, for the web
 * UI's controllers; it comes before the REST API's JSON handler. A refusal because nobody is signed in
 * sends the browser to the login page, which brings it back afterwards. Controllers that want a form
 * error or a flash message instead catch the exception themselves.
 */
@ControllerAdvice(basePackages = "io.wharf.index.ui")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class UiErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(UiErrorAdvice.class);

    private final RequestCache requestCache = new HttpSessionRequestCache();

    @ExceptionHandler(ApiException.class)
    ModelAndView refused(ApiException exception, HttpServletRequest request, HttpServletResponse response) {
        if (exception.status() == HttpStatus.UNAUTHORIZED) {
            // Back to the page after login; a form's POST is not replayed.
            if ("GET".equals(request.getMethod())) {
                requestCache.saveRequest(request, response);
            }
            return new ModelAndView("redirect:/login");
        }
        return ErrorPages.page(exception.status(), exception.getMessage());
    }

    @ExceptionHandler(InvalidRepositoryNameException.class)
    ModelAndView invalidName(InvalidRepositoryNameException exception) {
        return ErrorPages.page(HttpStatus.BAD_REQUEST, exception.getMessage());
    }

    /** Two requests raced to create the same thing. */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ModelAndView conflict(DataIntegrityViolationException exception) {
        log.debug("constraint violation", exception);
        return ErrorPages.page(HttpStatus.CONFLICT, "it already exists or changed meanwhile; please try again");
    }

    /**
     * A request the client got wrong (missing or mistyped parameter, unreadable form, wrong method) gets its
     * 4xx page saying what was wrong; anything else is a failure of the index, logged and shown as a 500.
     */
    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception exception, HttpServletRequest request, HttpServletResponse response) {
        Optional<MalformedRequests.Refusal> refusal = MalformedRequests.refusal(exception);
        if (refusal.isPresent()) {
            log.debug("malformed request to {}: {}", request.getRequestURI(), exception.toString());
            return ErrorPages.page(refusal.get(), response);
        }
        log.error("unexpected failure on {}", request.getRequestURI(), exception);
        return ErrorPages.page(HttpStatus.INTERNAL_SERVER_ERROR, null);
    }
}
