package io.wharf.index.ui.site;

import io.wharf.index.security.WebAccessDenied;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * Chooses the HTML page for errors that reach Spring Boot's {@code /error} (an unknown address, a
 * refused request, a failure outside a controller) when a browser asked. Replaces Boot's default
 * resolver so that the page gets the {@code viewer} and a fixed message (or the reason a refusal gave), not the
 * error attributes; API clients asking for JSON still get the JSON body.
 */
@Component
public class HtmlErrorViewResolver implements ErrorViewResolver {

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        return ErrorPages.page(status, (String) request.getAttribute(WebAccessDenied.REASON));
    }
}
