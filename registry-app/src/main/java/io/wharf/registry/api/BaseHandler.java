package io.wharf.registry.api;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/** {@code GET /v2/}: tells clients this is a registry speaking the v2 API (and, with auth on, checks them). */
@Component
class BaseHandler implements ResourceHandler {

    @Override
    public Route route() {
        return Route.BASE;
    }

    @Override
    public void handle(RegistryRequest request, HttpServletResponse response) throws IOException {
        if (!request.isHead() && !"GET".equals(request.method())) {
            throw request.unsupportedMethod();
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(2);
        if (!request.isHead()) {
            response.getOutputStream().write("{}".getBytes(StandardCharsets.US_ASCII));
        }
    }
}
