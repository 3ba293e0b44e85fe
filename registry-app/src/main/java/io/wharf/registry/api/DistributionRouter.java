package io.wharf.registry.api;

import io.wharf.registry.auth.AccessGuard;
import io.wharf.registry.auth.RequiredAccess;
import io.wharf.registry.ops.RequestRoute;
import io.wharf.registry.proxy.ProxyDefinitions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The single entry point of {@code /v2/}: matches the route, asks the access guard, hands over to the
 * resource's handler. Errors become the spec's JSON bodies in {@link OciErrorAdvice}.
 */
@RestController
class DistributionRouter {

    static final String API_VERSION_HEADER = "Docker-Distribution-API-Version";

    private final AccessGuard guard;
    private final DeleteProperties deletion;
    private final ProxyDefinitions proxies;
    private final Map<Route, ResourceHandler> handlers = new EnumMap<>(Route.class);

    DistributionRouter(AccessGuard guard, DeleteProperties deletion, ProxyDefinitions proxies,
            List<ResourceHandler> handlers) {
        this.guard = guard;
        this.deletion = deletion;
        this.proxies = proxies;
        handlers.forEach(handler -> this.handlers.put(handler.route(), handler));
    }

    @RequestMapping({"/v2", "/v2/**"})
    void route(HttpServletRequest servlet, HttpServletResponse response) throws IOException {
        response.setHeader(API_VERSION_HEADER, "registry/2.0");
        RegistryRequest request = RegistryRequest.of(servlet);
        RequestRoute.remember(servlet, request.route().name());
        guard.check(servlet, requiredAccess(request));
        if ("DELETE".equals(request.method())) {
            deletion.requireEnabled();
        }
        if (request.name() != null && !"GET".equals(request.method()) && !request.isHead()) {
            // A cache's content comes from its upstream only, whatever a token grants.
            proxies.refuseWritesInto(request.name());
        }
        handlers.get(request.route()).handle(request, response);
    }

    private static List<RequiredAccess> requiredAccess(RegistryRequest request) {
        return switch (request.route()) {
            case BASE -> List.of();
            case CATALOG -> List.of(RequiredAccess.catalog());
            default -> switch (request.method()) {
                case "GET", "HEAD" -> List.of(RequiredAccess.pull(request.name()));
                case "DELETE" -> List.of(RequiredAccess.delete(request.name()));
                default -> List.of(RequiredAccess.push(request.name()));
            };
        };
    }
}
