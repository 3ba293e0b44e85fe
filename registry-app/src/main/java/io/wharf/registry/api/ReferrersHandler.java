package io.wharf.registry.api;

import io.wharf.contract.image.ImageMediaTypes;
import io.wharf.registry.digest.Digest;
import io.wharf.registry.referrer.ReferrerService;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** {@code GET /v2/<name>/referrers/<digest>?artifactType=}: an OCI index of the manifests referring to a digest. */
@Component
class ReferrersHandler implements ResourceHandler {

    private final ReferrerService referrers;
    private final JsonResponses json;

    ReferrersHandler(ReferrerService referrers, JsonResponses json) {
        this.referrers = referrers;
        this.json = json;
    }

    @Override
    public Route route() {
        return Route.REFERRERS;
    }

    @Override
    public void handle(RegistryRequest request, HttpServletResponse response) throws IOException {
        if (!"GET".equals(request.method()) && !request.isHead()) {
            throw request.unsupportedMethod();
        }
        Digest subject = Digest.parse(request.reference());
        String artifactType = request.parameter("artifactType");
        if (artifactType != null && artifactType.isEmpty()) {
            artifactType = null;
        }
        if (artifactType != null) {
            response.setHeader(Headers.OCI_FILTERS_APPLIED, "artifactType");
        }
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("mediaType", ImageMediaTypes.OCI_INDEX);
        index.put("manifests", referrers.referrers(request.name(), subject, artifactType));
        json.write(request, response, ImageMediaTypes.OCI_INDEX, index);
    }
}
