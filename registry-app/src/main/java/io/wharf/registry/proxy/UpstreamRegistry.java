package io.wharf.registry.proxy;

import io.wharf.registry.digest.Digest;
import io.wharf.registry.manifest.ManifestService;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
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
 *
 * <p>It speaks through the JDK's blocking {@link HttpURLConnection} (kept-alive connections, the JVM's standard proxy
 * properties), not {@code java.net.http.HttpClient}: a blob's bytes are read straight from the socket on the thread
 * that stores them, where the HttpClient hands every 16 KiB buffer from its selector thread to the reader one at a
 * time, which held a cold miss to a quarter of a direct pull.
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

    /** An upstream answer to a blob request, its body still to be read; closing it ends the transfer. */
    record BlobAnswer(long size, Answer answer) {
    }

    /**
     * An upstream's answer: status, headers and body. Closing it after reading the body to its end keeps the
     * connection for the next request; {@link #abort} drops the connection, also from another thread.
     */
    static final class Answer implements Closeable {

        private final HttpURLConnection connection;
        private final int status;
        private final InputStream body;

        private Answer(HttpURLConnection connection) throws IOException {
            this.connection = connection;
            this.status = connection.getResponseCode();
            InputStream stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            this.body = stream == null ? InputStream.nullInputStream() : stream;
        }

        int status() {
            return status;
        }

        Optional<String> header(String name) {
            return Optional.ofNullable(connection.getHeaderField(name));
        }

        OptionalLong contentLength() {
            long length = connection.getContentLengthLong();
            return length < 0 ? OptionalLong.empty() : OptionalLong.of(length);
        }

        InputStream body() {
            return body;
        }

        void abort() {
            connection.disconnect();
        }

        @Override
        public void close() {
            try {
                body.close();
            } catch (IOException ignored) {
                // the connection goes, nothing else to do
            }
        }
    }

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
    }

    /** The digest the upstream's tag (or digest) points at now, by a HEAD. */
    String manifestDigest(StoredProxy proxy, String repository, String reference) {
        try (Answer answer = send(proxy, repository, "HEAD", manifestUri(proxy, repository, reference),
                MANIFEST_ACCEPT)) {
            return answer.header(CONTENT_DIGEST).orElseThrow(() -> new UpstreamFailure(
                UpstreamFailure.Kind.UNREACHABLE, "the upstream answered a manifest HEAD without "
                        + CONTENT_DIGEST));
        }
    }

    ManifestAnswer manifest(StoredProxy proxy, String repository, String reference) {
        try (Answer answer = send(proxy, repository, "GET", manifestUri(proxy, repository, reference),
                MANIFEST_ACCEPT)) {
            byte[] payload = answer.body().readNBytes(ManifestService.MAX_MANIFEST_BYTES + 1);
            String mediaType = answer.header(HttpHeaders.CONTENT_TYPE).map(UpstreamRegistry::bareType).orElse(null);
            return new ManifestAnswer(answer.header(CONTENT_DIGEST).orElse(null), mediaType, payload);
        } catch (IOException cut) {
            throw new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE, "manifest " + reference + " of " + repository
                    + " broke off: " + cut.getMessage());
        }
    }

    /** Opens a blob; the caller reads the body and closes the answer. */
    BlobAnswer blob(StoredProxy proxy, String repository, Digest digest) {
        Answer answer = send(proxy, repository, "GET",
                URI.create(proxy.upstream() + "/v2/" + repository + "/blobs/" + digest), null);
        return new BlobAnswer(answer.contentLength().orElse(-1), answer);
    }

    private static URI manifestUri(StoredProxy proxy, String repository, String reference) {
        return URI.create(proxy.upstream() + "/v2/" + repository + "/manifests/" + reference);
    }

    /** Sends a request, authenticating when challenged and following redirects; a 2xx answer or an UpstreamFailure. */
    private Answer send(StoredProxy proxy, String repository, String method, URI uri,
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
            Answer answer = exchange(method, target, accept, sameHost ? authorization : Optional.empty());
            int status = answer.status();
            if (status >= 200 && status < 300) {
                return answer;
            }
            answer.close();
            if (status >= 300 && status < 400 && answer.header(HttpHeaders.LOCATION).isPresent()) {
                if (++redirects > MAX_REDIRECTS) {
                    throw new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE, "more than " + MAX_REDIRECTS
                            + " redirects");
                }
                target = target.resolve(answer.header(HttpHeaders.LOCATION).get());
                continue;
            }
            if (status == 401 && !challenged && sameHost) {
                challenged = true;
                authorization = Optional.of(answerChallenge(proxy, tokenKey, scope,
                        answer.header(HttpHeaders.WWW_AUTHENTICATE).orElse("")));
                continue;
            }
            throw failure(status, answer, method + " " + repository);
        }
    }

    private static UpstreamFailure failure(int status, Answer answer, String what) {
        return switch (status) {
            case 429 -> new UpstreamFailure(UpstreamFailure.Kind.RATE_LIMITED, what + " answered 429",
                    answer.header(HttpHeaders.RETRY_AFTER).orElse(null));
            case 404 -> new UpstreamFailure(UpstreamFailure.Kind.NOT_FOUND, what.substring(what.indexOf(' ') + 1));
            case 401, 403 -> new UpstreamFailure(UpstreamFailure.Kind.REFUSED, what + " answered " + status);
            default -> new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE, what + " answered " + status);
        };
    }

    private Answer exchange(String method, URI uri, String accept, Optional<String> authorization) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setRequestMethod(method);
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setConnectTimeout((int) properties.connectTimeout().toMillis());
            // Bounds the wait for the answer and every silence within a body alike.
            connection.setReadTimeout((int) properties.readTimeout().toMillis());
            if (accept != null) {
                connection.setRequestProperty(HttpHeaders.ACCEPT, accept);
            }
            authorization.ifPresent(value -> connection.setRequestProperty(HttpHeaders.AUTHORIZATION, value));
            return new Answer(connection);
        } catch (IOException unreachable) {
            throw new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE, method + " " + uri.getHost() + ":"
                    + uri.getPort() + " failed: " + unreachable.getClass().getSimpleName());
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
        try (Answer answer = exchange("GET", tokenUri, null, basic)) {
            if (answer.status() != 200) {
                throw failure(answer.status() == 404 ? 502 : answer.status(), answer, "token request");
            }
            JsonNode token = json.readTree(answer.body().readNBytes(1 << 20));
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
}
