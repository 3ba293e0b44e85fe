package io.wharf.registry.api;

import io.wharf.registry.paging.NamePage;
import io.wharf.registry.repository.RepositoryService;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/** {@code GET /v2/_catalog?n=&last=}: repository names in lexical order, paginated. */
@Component
class CatalogHandler implements ResourceHandler {

    private final RepositoryService repositories;
    private final JsonResponses json;

    CatalogHandler(RepositoryService repositories, JsonResponses json) {
        this.repositories = repositories;
        this.json = json;
    }

    @Override
    public Route route() {
        return Route.CATALOG;
    }

    @Override
    public void handle(RegistryRequest request, HttpServletResponse response) throws IOException {
        if (!"GET".equals(request.method()) && !request.isHead()) {
            throw request.unsupportedMethod();
        }
        int pageSize = Pagination.pageSize(request);
        NamePage page = NamePage.fetch(pageSize,
                fetchSize -> repositories.namesAfter(request.parameter("last"), fetchSize));
        Pagination.linkNext("/v2/_catalog", page, pageSize, response);
        json.write(request, response, MediaType.APPLICATION_JSON_VALUE, Map.of("repositories", page.names()));
    }
}
