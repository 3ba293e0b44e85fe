package io.wharf.registry.api;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Serves one resource of the distribution API; one implementation per resource, as in Distribution. */
interface ResourceHandler {

    Route route();

    void handle(RegistryRequest request, HttpServletResponse response) throws IOException;
}
