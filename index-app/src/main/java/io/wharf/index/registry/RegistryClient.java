package io.wharf.index.registry;

import io.wharf.contract.auth.AccessEntry;
import io.wharf.contract.image.Descriptor;
import io.wharf.contract.image.ImageConfig;
import io.wharf.contract.image.ImageManifest;
import io.wharf.contract.image.ImageMediaTypes;
import io.wharf.contract.proxy.ProxyDefinition;
import io.wharf.contract.proxy.ProxySettings;
import io.wharf.index.IndexProperties;
import io.wharf.index.error.ApiException;
import io.wharf.index.signing.RegistryTokenIssuer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Talks to the registry with tokens the index mints itself. Reads its content over the distribution API: the
 * catalog ({@code registry:catalog:*}), then each repository's tags and manifests ({@code pull}); deletes whole
 * repositories through its admin API ({@code delete}), and runs garbage collections, reads namespace usage and the
 * audit log there ({@code registry:catalog:*}).
 */
@Component
public class RegistryClient {

    private static final String DIGEST_HEADER = "Docker-Content-Digest";
    /** The OCI digest grammar: what may be put into a blob URL of the registry. */
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
    private static final int PAGE_SIZE = 1000;
    /** A collection of a large registry takes a while; a page showing usage or the audit log should not wait long. */
    private static final Duration COLLECTION_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    /** The catalog, and the registry's admin API beyond deleting a repository. */
    private static final AccessEntry CATALOG = new AccessEntry(AccessEntry.REGISTRY, AccessEntry.CATALOG, Set.of(AccessEntry.ALL));

    private static final Duration REFERRERS_TIMEOUT = Duration.ofSeconds(60);
    /**
     * Referrers questions in flight at once, over all views: each holds a connection to the registry, whose
     * connections are bounded (max-connections, 200) and shared with every client. When each tag was a question of
     * its own, sixteen views of pages of 25 unknown tags opened 400 of them; the registry held them all, and further
     * requests waited up to a minute.
     */
    public static final int MAX_REFERRERS_IN_FLIGHT = 8;

    private final Semaphore referrersInFlight = new Semaphore(MAX_REFERRERS_IN_FLIGHT);
    private final URI registryUrl;
    private final RegistryTokenIssuer tokens;
    private final OwnTokens ownTokens;
    private final JsonMapper json;
    /**
     * Redirects are followed by hand (only a blob's), so that a token never goes to where it was not meant for.
     * Made at the first call, not at start: the JDK's first HTTP client loads the TLS trust store and starts a thread.
     */
    private final SingletonSupplier<HttpClient> http = SingletonSupplier.of(() -> HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build());

    public RegistryClient(IndexProperties properties, RegistryTokenIssuer tokens, Clock clock, JsonMapper json) {
        this.registryUrl = properties.registryUrl();
        this.tokens = tokens;
        this.ownTokens = new OwnTokens(tokens, clock, OwnTokens.MAX_KEPT);
        this.json = json;
    }

    /** Every repository name in the registry, following the catalog's pagination. */
    public List<String> repositories() {
        return pagedList("/v2/_catalog?n=" + PAGE_SIZE, CATALOG, "repositories");
    }

    /** The repository's tags, following pagination; none when the registry does not know the repository. */
    public List<String> tags(String repository) {
        return pagedList("/v2/" + repository + "/tags/list?n=" + PAGE_SIZE, pull(repository), "tags");
    }

    /**
     * What the tag points at, described as the registry's push event describes it: an index with the size of its
     * manifest and the platforms it lists; an image or artifact with the size of its config plus layers
     * (compressed, as stored) and, for an image, the platform its config names. Nothing when the tag disappeared
     * meanwhile.
     */
    public Optional<TagTarget> tagTarget(String repository, String tag) {
        return manifest(repository, tag).map(fetched -> {
            List<Platform> platforms = fetched.manifest().platforms(config -> configPlatform(repository, config)).stream()
                    .flatMap(platform -> Platform.of(platform.os(), platform.architecture(), platform.variant()).stream())
                    .toList();
            return new TagTarget(fetched.digest(), fetched.mediaType(),
                    fetched.manifest().imageSize().orElse(fetched.size()), platforms);
        });
    }

    /**
     * Deletes the repository in the registry ({@code DELETE /admin/repositories/<name>}), in the name of
     * {@code actor}: the registry's audit log and its repository-delete event name whoever asked the index.
     *
     * @return {@code false} when the registry does not know the repository (it may have gone already)
     * @throws RegistryUnavailableException 503 when the registry cannot be reached, 502 when it fails
     */
    public boolean deleteRepository(String repository, String actor) {
        String token = tokens.issue(actor, List.of(AccessEntry.repository(repository, AccessEntry.DELETE))).jwt();
        HttpRequest request = HttpRequest.newBuilder(registryUrl.resolve("/admin/repositories/" + repository))
                .timeout(Duration.ofSeconds(60))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .DELETE()
                .build();
        return deleted(exchange(request), repository);
    }

    /** Whether a DELETE deleted something (404: nothing was there); the registry's refusals become exceptions. */
    private static boolean deleted(HttpResponse<byte[]> response, String what) {
        if (response.statusCode() == 404) {
            return false;
        }
        if (response.statusCode() == 405) {
            throw new ApiException(HttpStatus.CONFLICT, "conflict",
                    "the registry does not allow deletion (wharf.registry.delete.enabled is false)");
        }
        if (response.statusCode() / 100 != 2) {
            throw new RegistryUnavailableException("the registry answered " + response.statusCode()
                    + " to deleting " + what + ": " + new String(response.body(), StandardCharsets.UTF_8));
        }
        return true;
    }

    /**
     * Runs a garbage collection ({@code POST /admin/gc}), or only counts what it would remove when {@code dryRun},
     * in the name of {@code actor} (an administrator: the registry's audit log names them).
     *
     * @throws RegistryUnavailableException 503 when the registry cannot be reached, 502 when it fails
     */
    public GarbageCollectionReport collectGarbage(boolean dryRun, String actor) {
        return admin("POST", "/admin/gc?dryRun=" + dryRun, actor, COLLECTION_TIMEOUT, GarbageCollectionReport.class);
    }

    /** The bytes the namespace's repositories hold and its quota ({@code GET /admin/namespaces/<ns>/usage}). */
    public NamespaceUsage namespaceUsage(String namespace) {
        return admin("GET", "/admin/namespaces/" + encode(namespace) + "/usage", OwnTokens.SUBJECT, READ_TIMEOUT,
                NamespaceUsage.class);
    }

    /** Retention, immutable tags and quotas as the registry is configured ({@code GET /admin/lifecycle}). */
    public LifecycleRules lifecycleRules(String actor) {
        return admin("GET", "/admin/lifecycle", actor, READ_TIMEOUT, LifecycleRules.class);
    }

    /**
     * The registry's audit log, newest first ({@code GET /admin/audit}): at most {@code count} entries older than
     * entry {@code before} (null: the newest), of one repository or (null) all, read in the name of {@code actor}.
     */
    public List<AuditEntry> audit(String repository, Long before, int count, String actor) {
        StringBuilder path = new StringBuilder("/admin/audit?n=").append(count);
        if (repository != null) {
            path.append("&repository=").append(encode(repository));
        }
        if (before != null) {
            path.append("&before=").append(before);
        }
        return admin("GET", path.toString(), actor, READ_TIMEOUT, AuditLogPage.class).entries();
    }

    /** The shape of {@code GET /admin/audit}'s answer. */
    record AuditLogPage(List<AuditEntry> entries) {
    }

    /** The registry's pull-through caches with their usage and counters ({@code GET /admin/proxies}). */
    public List<ProxyDefinition> proxies(String actor) {
        return List.of(admin("GET", "/admin/proxies", actor, READ_TIMEOUT, ProxyDefinition[].class));
    }

    /**
     * Creates or replaces the pull-through cache {@code name} ({@code PUT /admin/proxies/<name>}) in the name of
     * {@code actor}.
     *
     * @throws ApiException 400 with the registry's words when it refuses the settings (a bad URL or glob)
     * @throws RegistryUnavailableException 503 when the registry cannot be reached, 502 when it fails
     */
    public void saveProxy(String name, ProxySettings settings, String actor) {
        HttpResponse<byte[]> response = exchange(adminRequest("PUT", "/admin/proxies/" + encode(name), actor,
                READ_TIMEOUT, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(settings)))
                .header(HttpHeaders.CONTENT_TYPE, "application/json").build());
        if (response.statusCode() == 400) {
            throw ApiException.badRequest(errorMessage(response));
        }
        requireSuccess(response);
    }

    /**
     * Removes the pull-through cache {@code name} ({@code DELETE /admin/proxies/<name>}); what it cached stays.
     *
     * @return {@code false} when the registry does not know it
     */
    public boolean deleteProxy(String name, String actor) {
        return deleted(exchange(adminRequest("DELETE", "/admin/proxies/" + encode(name), actor, READ_TIMEOUT,
                HttpRequest.BodyPublishers.noBody()).build()), "pull-through cache " + name);
    }

    /** The message of the registry's OCI error body, or the body itself when it has none. */
    private String errorMessage(HttpResponse<byte[]> response) {
        try {
            String message = json.readTree(response.body()).path("errors").path(0).path("message").asString("");
            if (!message.isEmpty()) {
                return message;
            }
        } catch (JacksonException notJson) {
            // the body as it came, below
        }
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /** A call of the registry's admin API with {@code registry:catalog:*} in {@code actor}'s name; its JSON answer. */
    private <T> T admin(String method, String path, String actor, Duration timeout, Class<T> answer) {
        HttpResponse<byte[]> response = requireSuccess(exchange(
                adminRequest(method, path, actor, timeout, HttpRequest.BodyPublishers.noBody()).build()));
        try {
            return json.readValue(response.body(), answer);
        } catch (JacksonException malformed) {
            throw new RegistryUnavailableException("the registry sent malformed JSON for " + response.uri().getPath());
        }
    }

    private HttpRequest.Builder adminRequest(String method, String path, String actor, Duration timeout,
            HttpRequest.BodyPublisher body) {
        String token = OwnTokens.SUBJECT.equals(actor) ? ownTokens.grant(CATALOG)
                : tokens.issue(actor, List.of(CATALOG)).jwt();
        return HttpRequest.newBuilder(registryUrl.resolve(path))
                .timeout(timeout)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .method(method, body);
    }

    private static HttpResponse<byte[]> requireSuccess(HttpResponse<byte[]> response) {
        if (response.statusCode() / 100 != 2) {
            throw new RegistryUnavailableException("the registry answered " + response.statusCode() + " to "
                    + response.request().method() + " " + response.uri().getPath() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * The platform the image config {@code digest} names. A config that is missing or malformed gives none, never a
     * failed reconciliation: the platform only decorates the tag.
     */
    private Optional<io.wharf.contract.image.Platform> configPlatform(String repository, String digest) {
        return config(repository, digest).flatMap(ImageConfig::platformOf);
    }

    /**
     * The JSON blob {@code digest} (an image config), or none when it is missing, malformed or cannot be read now. A
     * registry storing blobs in a bucket may redirect to it: the bucket's URL carries its own signature, and gets no
     * token.
     */
    public Optional<JsonNode> config(String repository, String digest) {
        if (!DIGEST.matcher(digest).matches()) {
            return Optional.empty();
        }
        try {
            HttpResponse<byte[]> blob = exchange(request("/v2/" + repository + "/blobs/" + digest, pull(repository))
                    .GET().build());
            Optional<String> location = blob.headers().firstValue(HttpHeaders.LOCATION);
            if (blob.statusCode() / 100 == 3 && location.isPresent()) {
                blob = exchange(HttpRequest.newBuilder(blob.uri().resolve(location.get())).timeout(READ_TIMEOUT)
                        .GET().build());
            }
            return blob.statusCode() == 200 ? Optional.of(json.readTree(blob.body())) : Optional.empty();
        } catch (RegistryUnavailableException | IllegalArgumentException | JacksonException unreadable) {
            return Optional.empty();
        }
    }

    /** The manifest {@code reference} (a tag or digest) as the registry serves it; none when it does not exist. */
    public Optional<FetchedManifest> manifest(String repository, String reference) {
        HttpResponse<byte[]> response = send(request("/v2/" + repository + "/manifests/" + reference, pull(repository))
                .GET().header(HttpHeaders.ACCEPT, ImageMediaTypes.ACCEPT_MANIFESTS));
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        String digest = response.headers().firstValue(DIGEST_HEADER)
                .orElseThrow(() -> new RegistryUnavailableException("the registry sent no " + DIGEST_HEADER
                        + " for " + repository + "@" + reference));
        String mediaType = response.headers().firstValue(HttpHeaders.CONTENT_TYPE).orElse("");
        return Optional.of(new FetchedManifest(digest, mediaType, response.body().length,
                ImageManifest.of(mediaType, readTree(response))));
    }

    /** A manifest with the digest, media type and size (in bytes) the registry served it with. */
    public record FetchedManifest(String digest, String mediaType, long size, ImageManifest manifest) {
    }

    /**
     * The manifests whose {@code subject} is {@code digest}, as descriptors: the OCI referrers API, which any registry
     * version answers.
     */
    public List<Descriptor> referrers(String repository, String digest) {
        HttpResponse<byte[]> response = send(request("/v2/" + repository + "/referrers/" + digest, pull(repository))
                .GET().header(HttpHeaders.ACCEPT, ImageMediaTypes.OCI_INDEX));
        return response.statusCode() == 404 ? List.of()
                : ImageManifest.of(ImageMediaTypes.OCI_INDEX, readTree(response)).entries();
    }

    /**
     * The manifests referring to each of {@code digests} (a page's worth: the registry's request head
     * bounds them to about a hundred) of one repository, in one question to the registry's admin API
     * ({@code GET /admin/referrers}): a page of tags waits for one round trip, not one per tag.
     *
     * @throws RegistryUnavailableException also when the registry does not know the question (it is older)
     */
    public Map<String, List<Descriptor>> referrers(String repository, Collection<String> digests) {
        StringBuilder path = new StringBuilder("/admin/referrers?repository=").append(encode(repository));
        Set<String> asked = new LinkedHashSet<>(digests);
        asked.forEach(digest -> path.append("&digest=").append(encode(digest)));
        HttpRequest request = request(path.toString(), pull(repository)).timeout(REFERRERS_TIMEOUT).GET().build();
        awaitReferrersTurn();
        HttpResponse<byte[]> response;
        try {
            response = requireSuccess(exchange(request));
        } finally {
            referrersInFlight.release();
        }
        JsonNode answers = readTree(response).path("referrers");
        Map<String, List<Descriptor>> referrers = new LinkedHashMap<>();
        for (String digest : asked) {
            referrers.put(digest, Descriptor.allOf(answers.path(digest)));
        }
        return referrers;
    }

    /** Waits until fewer than {@link #MAX_REFERRERS_IN_FLIGHT} referrers questions are in flight. */
    private void awaitReferrersTurn() {
        try {
            if (!referrersInFlight.tryAcquire(REFERRERS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw RegistryUnavailableException.unreachable("the registry did not answer the questions before these");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryUnavailableException.unreachable("interrupted while waiting for the registry");
        }
    }

    /**
     * Deletes a tag (only the tag: other tags of its manifest stay) or a manifest by digest (with every tag on it),
     * in the name of {@code actor}; the registry's events tell the index.
     *
     * @return {@code false} when the registry does not know it (deleted meanwhile)
     * @throws ApiException 409 when the registry does not allow deletion
     * @throws RegistryUnavailableException 503 when the registry cannot be reached, 502 when it fails
     */
    public boolean deleteManifest(String repository, String reference, String actor) {
        String token = tokens.issue(actor, List.of(AccessEntry.repository(repository, AccessEntry.DELETE))).jwt();
        HttpRequest request = HttpRequest.newBuilder(registryUrl.resolve("/v2/" + repository + "/manifests/" + reference))
                .timeout(Duration.ofSeconds(60))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .DELETE()
                .build();
        return deleted(exchange(request), repository + ":" + reference);
    }

    private List<String> pagedList(String firstPath, AccessEntry access, String field) {
        List<String> items = new ArrayList<>();
        URI next = registryUrl.resolve(firstPath);
        while (next != null) {
            HttpResponse<byte[]> page = send(request(next, access).GET());
            if (page.statusCode() == 404) {
                break;
            }
            for (JsonNode item : readTree(page).path(field)) {
                items.add(item.asString());
            }
            next = nextPage(page);
        }
        return items;
    }

    private JsonNode readTree(HttpResponse<byte[]> response) {
        try {
            return json.readTree(response.body());
        } catch (JacksonException malformed) {
            throw new RegistryUnavailableException("the registry sent malformed JSON for " + response.uri().getPath());
        }
    }

    private URI nextPage(HttpResponse<?> page) {
        Optional<Matcher> link = page.headers().firstValue(HttpHeaders.LINK).map(NEXT_LINK::matcher).filter(Matcher::find);
        return link.map(found -> registryUrl.resolve(found.group(1))).orElse(null);
    }

    private HttpRequest.Builder request(String path, AccessEntry access) {
        return request(registryUrl.resolve(path), access);
    }

    private HttpRequest.Builder request(URI uri, AccessEntry access) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ownTokens.grant(access));
    }

    /** The answer, when it is a success or a 404; any other status is a 503 that names the request. */
    private HttpResponse<byte[]> send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        HttpResponse<byte[]> response = exchange(built);
        if (response.statusCode() != 404 && response.statusCode() / 100 != 2) {
            throw new RegistryUnavailableException("the registry answered " + response.statusCode() + " to "
                    + built.method() + " " + built.uri().getPath());
        }
        return response;
    }

    /** Any answer; none at all (connection refused, timeout) is a 503: the registry is unavailable. */
    private HttpResponse<byte[]> exchange(HttpRequest request) {
        try {
            return http.obtain().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryUnavailableException.unreachable("interrupted while waiting for the registry");
        }
    }

    private RegistryUnavailableException unreachable(Throwable cause) {
        return RegistryUnavailableException.unreachable("cannot reach the registry at " + registryUrl + ": " + cause);
    }

    private static AccessEntry pull(String repository) {
        return AccessEntry.repository(repository, AccessEntry.PULL);
    }
}
