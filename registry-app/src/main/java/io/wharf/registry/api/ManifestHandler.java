package io.wharf.registry.api;

import io.wharf.contract.proxy.ProxiedName;
import io.wharf.registry.auth.Requester;
import io.wharf.registry.digest.Digest;
import io.wharf.registry.error.ErrorCode;
import io.wharf.registry.events.PullCounter;
import io.wharf.registry.error.RegistryException;
import io.wharf.registry.manifest.ManifestService;
import io.wharf.registry.manifest.StoredManifest;
import io.wharf.registry.proxy.ProxyDefinitions;
import io.wharf.registry.proxy.PullThroughCache;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * {@code /v2/<name>/manifests/<reference>}: fetch, check, push and delete by tag or digest; a push by digest may set
 * tags too ({@code ?tag=a&tag=b}), each confirmed by an {@code OCI-Tag} header. A fetch from a pull-through cache's
 * repository (or the mirror path) goes through the {@link PullThroughCache}.
 */
@Component
class ManifestHandler implements ResourceHandler {

    private final ManifestService manifests;
    private final PullCounter pulls;
    private final ProxyDefinitions proxies;
    private final PullThroughCache cache;

    ManifestHandler(ManifestService manifests, PullCounter pulls, ProxyDefinitions proxies, PullThroughCache cache) {
        this.manifests = manifests;
        this.pulls = pulls;
        this.proxies = proxies;
        this.cache = cache;
    }

    @Override
    public Route route() {
        return Route.MANIFEST;
    }

    @Override
    public void handle(RegistryRequest request, HttpServletResponse response) throws IOException {
        switch (request.method()) {
            case "GET", "HEAD" -> fetch(request, response);
            case "PUT" -> push(request, response);
            case "DELETE" -> {
                manifests.delete(request.name(), request.reference());
                response.setStatus(HttpServletResponse.SC_ACCEPTED);
                response.setContentLength(0);
            }
            default -> throw request.unsupportedMethod();
        }
    }

    private void fetch(RegistryRequest request, HttpServletResponse response) throws IOException {
        Optional<ProxiedName> proxied = proxies.resolve(request.name());
        StoredManifest manifest = proxied.isPresent() ? cache.manifest(proxied.get(), request.reference())
                : manifests.get(request.name(), request.reference());
        if (!ManifestNegotiation.accepts(request.servlet(), manifest.mediaType())) {
            throw new RegistryException(ErrorCode.MANIFEST_UNKNOWN, "manifest is " + manifest.mediaType()
                    + ", which the Accept header does not allow", Map.of("mediaType", manifest.mediaType()));
        }
        response.setContentType(manifest.mediaType());
        response.setContentLength(manifest.payload().length);
        response.setHeader(Headers.CONTENT_DIGEST, manifest.digest());
        response.setHeader(HttpHeaders.ETAG, "\"" + manifest.digest() + "\"");
        pulls.manifestRequested(proxied.map(ProxiedName::stored).orElse(request.name()).value(), puller(request),
                request.isHead(),
                Digest.looksLikeDigest(request.reference()) ? null : request.reference());
        if (!request.isHead()) {
            response.getOutputStream().write(manifest.payload());
        }
    }

    /** The token's subject; anonymous pullers by their address, so that two of them are two pulls. */
    private static String puller(RegistryRequest request) {
        String name = Requester.nameOf(request.servlet());
        return name.isEmpty() ? "anonymous@" + request.servlet().getRemoteAddr() : name;
    }

    private void push(RegistryRequest request, HttpServletResponse response) throws IOException {
        byte[] payload = readBounded(request.servlet().getInputStream());
        List<String> tags = request.parameters("tag").stream().distinct().toList();
        StoredManifest stored = manifests.put(request.name(), request.reference(), tags, contentType(request),
                payload);
        response.setStatus(HttpServletResponse.SC_CREATED);
        tags.forEach(tag -> response.addHeader(Headers.OCI_TAG, tag));
        response.setHeader(HttpHeaders.LOCATION, request.repositoryPath() + "/manifests/" + stored.digest());
        response.setHeader(Headers.CONTENT_DIGEST, stored.digest());
        if (stored.subjectDigest() != null) {
            response.setHeader(Headers.OCI_SUBJECT, stored.subjectDigest());
        }
        response.setContentLength(0);
    }

    private static String contentType(RegistryRequest request) {
        String header = request.header(HttpHeaders.CONTENT_TYPE);
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            MediaType mediaType = MediaType.parseMediaType(header);
            return mediaType.getType() + "/" + mediaType.getSubtype();
        } catch (IllegalArgumentException malformed) {
            throw new RegistryException(ErrorCode.MANIFEST_INVALID, "malformed Content-Type: " + header);
        }
    }

    /** Reads at most one byte past the limit, so an oversized push is refused without buffering all of it. */
    private static byte[] readBounded(InputStream body) throws IOException {
        byte[] payload = body.readNBytes(ManifestService.MAX_MANIFEST_BYTES + 1);
        return payload;
    }
}
