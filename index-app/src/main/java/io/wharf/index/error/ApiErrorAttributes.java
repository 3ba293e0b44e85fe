package io.wharf.index.error;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.WebRequest;

/**
 * Gives errors that never reach a controller (rejected by the servlet container, for example a malformed
 * URL) the same {@code {"error", "message"}} body through Spring Boot's {@code /error} page.
 */
@Component
public class ApiErrorAttributes extends DefaultErrorAttributes {

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Object status = super.getErrorAttributes(request, ErrorAttributeOptions.defaults()).get("status");
        HttpStatusCode code = HttpStatusCode.valueOf(status instanceof Integer value ? value : 500);
        HttpStatus known = HttpStatus.resolve(code.value());
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("error", ErrorCodes.forStatus(code));
        attributes.put("message", known == null ? "error" : known.getReasonPhrase());
        return attributes;
    }
}
