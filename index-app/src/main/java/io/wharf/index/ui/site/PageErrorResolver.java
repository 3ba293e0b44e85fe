package io.wharf.index.ui.site;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * A browser asking for an address no controller serves (404, or 405 for a wrong method) gets the HTML
 * error page. Runs before the {@code @ExceptionHandler}s, because the REST API's JSON handler applies to
 * every request; API paths and exceptions thrown by controllers are left to the usual handlers.
 */
class PageErrorResolver implements HandlerExceptionResolver {

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception exception) {
        if (handler instanceof HandlerMethod || !ErrorPages.wantsPage(request)) {
            return null;
        }
        return MalformedRequests.refusal(exception)
                .map(refusal -> ErrorPages.page(refusal, response))
                .orElse(null);
    }
}
