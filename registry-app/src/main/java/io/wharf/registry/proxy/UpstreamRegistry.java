package io.wharf.registry.proxy;

import io.wharf.registry.digest.Digest;
import io.wharf.registry.manifest.ManifestService;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Talks to a cache's upstream registry as a Docker client does: asks without credentials first and answers the
 * challenge of a 401 — Bearer (a token from the challenge's realm, anonymous or with the cache's credentials as Basic,
 * kept until it expires) or Basic. Redirects are followed by hand, without the Authorization header when they lead to
 * another host (a blob's CDN). Credentials never reach a log line or an exception message.
 */
@Component
class UpstreamRegistry {

    /** Every manifest type the registry stores, so the upstream answers with the image's own manifest. */
    static final String MANIFEST_ACCEPT = String.join(", ", "application/vnd.oci.image.index.v1+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.docker.distribution.manifest.v2+json");
    private static final String CONTENT_DIGEST = "Docker-Content-Digest";
    private static final Pattern CHALLENGE_PARAMETER = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final int MAX_REDIRECTS = 5;
    /** Docker's token spec: a token without {@code expires_in} lasts 60 seconds. */
    private static final long DEFAULT_TOKEN_SECONDS = 60;

    /** A token for one scope of one upstream, and when to stop using it. */
    private record BearerToken(String value, Instant expiresAt) {
    }

    /** An upstream answer to a manifest request. */
    record ManifestAnswer(String digest, String mediaType, byte[] payload) {
    }

    /** An upstream answer to a blob request, its body still to be read. */
    record BlobAnswer(long size, InputStream body) {
    }

    private final HttpClient http;
    private final ProxyDefinitions definitions;
    private final ProxyProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final Map<String, BearerToken> tokens = new ConcurrentHashMap<>();

    UpstreamRegistry(ProxyDefinitions definitions, ProxyProperties properties, JsonMapper json, Clock clock) {
        this.definitions = definitions;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** The digest the upstream's tag (or digest) points at now, by a HEAD. */
    String manifestDigest(StoredProxy proxy, String repository, String reference) {
        HttpResponse<InputStream> answer = send(proxy, repository, "HEAD",
                manifestUri(proxy, repository, reference), MANIFEST_ACCEPT);
        close(answer);
        return answer.headers().firstValue(CONTENT_DIGEST).orElseThrow(() -> new UpstreamFailure(
                UpstreamFailure.Kind.UNREACHABLE, "the upstream answered a manifest HEAD without "
                        + CONTENT_DIGEST));
    }

    ManifestAnswer manifest(StoredProxy proxy, String repository, String reference) {
        HttpResponse<InputStream> answer = send(proxy, repository, "GET", manifestUri(proxy, repository, reference),
                MANIFEST_ACCEPT);
        try (InputStream body = answer.body()) {
            byte[] payload = body.readNBytes(ManifestService.MAX_MANIFEST_BYTES + 1);
            String mediaType = answer.headers().firstValue(HttpHeaders.CONTENT_TYPE).map(UpstreamRegistry::bareType)
                    .orElse(null);
            return new ManifestAnswer(answer.headers().firstValue(CONTENT_DIGEST).orElse(null), mediaType, payload);
        } catch (IOException cut) {
            throw new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE, "manifest " + reference + " of " + repository
                    + " broke off: " + cut.getMessage());
        }
    }

    /** Opens a blob; the caller reads and closes the body. */
    BlobAnswer blob(StoredProxy proxy, String repository, Digest digest) {
        HttpResponse<InputStream> answer = send(proxy, repository, "GET",
                URI.create(proxy.upstream() + "/v2/" + repository + "/blobs/" + digest), null);
        return new BlobAnswer(answer.headers().firstValueAsLong(HttpHeaders.CONTENT_LENGTH).orElse(-1),
                answer.body());
    }

    private static URI manifestUri(StoredProxy proxy, String repository, String reference) {
        return URI.create(proxy.upstream() + "/v2/" + repository + "/manifests/" + reference);
    }

    /** Sends a request, authenticating when challenged and following redirects; a 2xx answer or an UpstreamFailure. */
    private HttpResponse<InputStream> send(StoredProxy proxy, String repository, String method, URI uri,
            String accept) {
        String scope = "repository:" + repository + ":pull";
        // New settings (upstream, credentials) never reuse a token got with the old ones.
        String tokenKey = String.join(" ", proxy.name(), proxy.upstream(), String.valueOf(proxy.username()),
                String.valueOf(proxy.sealedPassword()), scope);
        Optional<String> authorization = cachedToken(tokenKey).map(token -> "Bearer " + token);
        boolean challenged = false;
        URI target = uri;
        for (int redirects = 0; ; ) {
            boolean sameHost = target.getHost().equalsIgnoreCase(uri.getHost()) && target.getPort() == uri.getPort();
            HttpResponse<InputStream> answer = exchange(method, target, accept,
                    sameHost ? authorization : Optional.empty());
            int status = answer.statusCode();
            if (status >= 200 && status < 300) {
                return answer;
            }
            close(answer);
            if (status >= 300 && status < 400 && answer.headers().firstValue(HttpHeaders.LOCATION).isPresent()) {
                if (++redirects > MAX_REDIRECTS) {
                    throw new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE, "more than " + MAX_REDIRECTS
                            + " redirects");
                }
                target = target.resolve(answer.headers().firstValue(HttpHeaders.LOCATION).get());
                continue;
            }
            if (status == 401 && !challenged && sameHost) {
                challenged = true;
                authorization = Optional.of(answerChallenge(proxy, tokenKey, scope,
                        answer.headers().firstValue(HttpHeaders.WWW_AUTHENTICATE).orElse("")));
                continue;
            }
            throw failure(status, answer, method + " " + repository);
        }
    }

    private static UpstreamFailure failure(int status, HttpResponse<InputStream> answer, String what) {
        return switch (status) {
            case 429 -> new UpstreamFailure(UpstreamFailure.Kind.RATE_LIMITED, what + " answered 429",
                    answer.headers().firstValue(HttpHeaders.RETRY_AFTER).orElse(null));
            case 404 -> new UpstreamFailure(UpstreamFailure.Kind.NOT_FOUND, what.substring(what.indexOf(' ') + 1));
            case 401, 403 -> new UpstreamFailure(UpstreamFailure.Kind.REFUSED, what + " answered " + status);
            default -> new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE, what + " answered " + status);
        };
    }

    private HttpResponse<InputStream> exchange(String method, URI uri, String accept,
            Optional<String> authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(properties.readTimeout())
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (accept != null) {
            request.header(HttpHeaders.ACCEPT, accept);
        }
        authorization.ifPresent(value -> request.header(HttpHeaders.AUTHORIZATION, value));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException unreachable) {
            throw new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE, method + " " + uri.getHost() + ":"
                    + uri.getPort() + " failed: " + unreachable.getClass().getSimpleName());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE, "interrupted");
        }
    }

    /** The Authorization value that answers a 401's challenge. */
    private String answerChallenge(StoredProxy proxy, String tokenKey, String scope, String challenge) {
        Optional<String> basic = definitions.password(proxy).map(password -> "Basic " + Base64.getEncoder()
                .encodeToString((proxy.username() + ":" + password).getBytes(StandardCharsets.UTF_8)));
        if (challenge.regionMatches(true, 0, "Basic", 0, 5)) {
            return basic.orElseThrow(() -> new UpstreamFailure(UpstreamFailure.Kind.REFUSED,
                    "the upstream asks for Basic credentials and the cache has none"));
        }
        if (!challenge.regionMatches(true, 0, "Bearer", 0, 6)) {
            throw new UpstreamFailure(UpstreamFailure.Kind.REFUSED, "the upstream's challenge is neither Bearer"
                    + " nor Basic");
        }
        Map<String, String> parameters = new HashMap<>();
        Matcher matcher = CHALLENGE_PARAMETER.matcher(challenge);
        while (matcher.find()) {
            parameters.put(matcher.group(1).toLowerCase(), matcher.group(2));
        }
        String realm = parameters.get("realm");
        if (realm == null || !(realm.startsWith("http://") || realm.startsWith("https://"))) {
            throw new UpstreamFailure(UpstreamFailure.Kind.REFUSED, "the upstream's Bearer challenge has no realm");
        }
        StringBuilder query = new StringBuilder("scope=").append(encode(scope));
        if (parameters.containsKey("service")) {
            query.append("&service=").append(encode(parameters.get("service")));
        }
        URI tokenUri = URI.create(realm + (realm.contains("?") ? "&" : "?") + query);
        HttpResponse<InputStream> answer = exchange("GET", tokenUri, null, basic);
        if (answer.statusCode() != 200) {
            close(answer);
            throw failure(answer.statusCode() == 404 ? 502 : answer.statusCode(), answer, "token request");
        }
        try (InputStream body = answer.body()) {
            JsonNode token = json.readTree(body.readNBytes(1 << 20));
            String value = token.path("token").asString(token.path("access_token").asString(""));
            if (value.isEmpty()) {
                throw new UpstreamFailure(UpstreamFailure.Kind.REFUSED, "the upstream's token service gave no token");
            }
            long seconds = token.path("expires_in").asLong(DEFAULT_TOKEN_SECONDS);
            // Renewed a little early, so a token does not run out on its way.
            tokens.put(tokenKey, new BearerToken(value, clock.instant().plusSeconds(Math.max(1, seconds - 5))));
            return "Bearer " + value;
        } catch (IOException | RuntimeException unreadable) {
            if (unreadable instanceof UpstreamFailure failure) {
                throw failure;
            }
            throw new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE, "the upstream's token answer is unreadable");
        }
    }

    private Optional<String> cachedToken(String key) {
        BearerToken token = tokens.get(key);
        if (token == null || token.expiresAt().isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(token.value());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String bareType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
    }

    private static void close(HttpResponse<InputStream> answer) {
        try {
            answer.body().close();
        } catch (IOException ignored) {
            // the connection goes, nothing else to do
        }
    }
}
