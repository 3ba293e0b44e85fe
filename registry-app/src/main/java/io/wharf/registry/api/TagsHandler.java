package io.wharf.registry.api;

import io.wharf.registry.paging.NamePage;
import io.wharf.registry.tag.TagService;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/** {@code GET /v2/<name>/tags/list?n=&last=}: the repository's tags in ASCII (byte) order, paginated. */
@Component
class TagsHandler implements ResourceHandler {

    private final TagService tags;
    private final JsonResponses json;

    TagsHandler(TagService tags, JsonResponses json) {
        this.tags = tags;
        this.json = json;
    }

    @Override
    public Route route() {
        return Route.TAGS;
    }

    @Override
    public void handle(RegistryRequest request, HttpServletResponse response) throws IOException {
        if (!"GET".equals(request.method()) && !request.isHead()) {
            throw request.unsupportedMethod();
        }
        int pageSize = Pagination.pageSize(request);
        NamePage page = tags.list(request.name(), pageSize, request.parameter("last"));
        Pagination.linkNext(request.repositoryPath() + "/tags/list", page, pageSize, response);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", request.name().value());
        body.put("tags", page.names());
        json.write(request, response, MediaType.APPLICATION_JSON_VALUE, body);
    }
}
