package io.wharf.registry.api;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes JSON answers (tag lists, catalog, referrers) with their exact length. */
@Component
class JsonResponses {

    private final JsonMapper json;

    JsonResponses(JsonMapper json) {
        this.json = json;
    }

    void write(RegistryRequest request, HttpServletResponse response, String contentType, Object body)
            throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        response.setContentType(contentType);
        response.setContentLength(bytes.length);
        if (!request.isHead()) {
            response.getOutputStream().write(bytes);
        }
    }
}
