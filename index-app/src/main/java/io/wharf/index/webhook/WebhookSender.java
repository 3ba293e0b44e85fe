package io.wharf.index.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * Sends one attempt of a delivery: a POST with the signed body, redirects not followed, at most
 * {@code response-excerpt} bytes of the answer read. The host is resolved and checked ({@link WebhookTargets})
 * first; an {@code http} URL is then sent to the address checked (with the URL's host in {@code Host}), so a DNS
 * answer that changes between the check and the connection cannot lead elsewhere.
 */
@Component
class WebhookSender {

    /** Values after words such as token, secret or password, and long runs of key-like characters. */
    private static final Pattern SECRET_VALUES = Pattern.compile(
            "(?i)((?:token|secret|password|passwd|authorization|api[_-]?key|session)\\W{0,3}[:=]\\W{0,3})"
                    + "[^\\s\"'&,;}]+");
    private static final Pattern KEY_LIKE = Pattern.compile("[A-Za-z0-9+/_=-]{32,}");

    private final WebhookTargets targets;
    private final WebhookProperties properties;
    private final Clock clock;
    /** Made at the first delivery, not at start: the JDK's first HTTP client loads the TLS trust store. */
    private final SingletonSupplier<HttpClient> http;

    WebhookSender(WebhookTargets targets, WebhookProperties properties, Clock clock) {
        this.targets = targets;
        this.properties = properties;
        this.clock = clock;
        this.http = SingletonSupplier.of(() -> HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
    }

    DeliveryResult send(Webhook hook, WebhookDelivery delivery) {
        Instant start = clock.instant();
        long nanos = System.nanoTime();
        try {
            URI url = URI.create(hook.url());
            InetAddress address = targets.resolve(url);
            long timestamp = clock.instant().getEpochSecond();
            String signature = WebhookSignature.sign(hook.secret(), timestamp, delivery.body());
            HttpRequest.Builder request = HttpRequest.newBuilder(pinned(url, address))
                    .timeout(properties.readTimeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Wharf-Webhooks")
                    .header(WebhookSignature.DELIVERY_HEADER, delivery.id())
                    .header(WebhookSignature.EVENT_HEADER, delivery.event().wireName())
                    .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                    .header(WebhookSignature.SIGNATURE_HEADER, signature)
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.body(), StandardCharsets.UTF_8));
            if (isPinned(url)) {
                request.header("Host", url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort());
            }
            HttpResponse<InputStream> response = http.obtain().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String excerpt = redacted(readExcerpt(response.body()), hook.secret());
            int status = response.statusCode();
            String outcome = status >= 200 && status < 300 ? "Delivered (" + status + ")."
                    : status >= 300 && status < 400
                    ? "The receiver redirected (" + status + "); redirects are not followed."
                    : "The receiver answered " + status + ".";
            return new DeliveryResult(start, since(nanos), status, outcome, excerpt);
        } catch (WebhookTargets.RefusedTarget refused) {
            return DeliveryResult.noAnswer(start, since(nanos), "Not sent: " + refused.getMessage());
        } catch (HttpTimeoutException timeout) {
            return DeliveryResult.noAnswer(start, since(nanos), "No answer in time: " + timeout.getMessage() + ".");
        } catch (IOException | IllegalArgumentException failed) {
            return DeliveryResult.noAnswer(start, since(nanos), "Could not deliver: " + failed + ".");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return DeliveryResult.noAnswer(start, since(nanos), "Interrupted: the index is shutting down.");
        }
    }

    /**
     * An {@code http} URL whose host is a name goes to the checked address. An {@code https} one keeps its name:
     * the certificate is checked against it, and the JDK's resolver answers the connection from the cache it filled
     * for the check (30 s by default).
     */
    private static URI pinned(URI url, InetAddress address) {
        if (!isPinned(url)) {
            return url;
        }
        String host = address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        return URI.create(url.getScheme() + "://" + host + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
    }

    private static boolean isPinned(URI url) {
        return url.getScheme().equalsIgnoreCase("http") && !isAddressLiteral(url.getHost());
    }

    private static boolean isAddressLiteral(String host) {
        return host.startsWith("[") || host.chars().allMatch(c -> Character.isDigit(c) || c == '.');
    }

    private String readExcerpt(InputStream body) throws IOException {
        try (body) {
            return new String(body.readNBytes(properties.responseExcerpt()), StandardCharsets.UTF_8);
        }
    }

    static String redacted(String excerpt, String secret) {
        String withoutSecret = secret.isEmpty() ? excerpt : excerpt.replace(secret, "[redacted]");
        String withoutValues = SECRET_VALUES.matcher(withoutSecret).replaceAll("$1[redacted]");
        return KEY_LIKE.matcher(withoutValues).replaceAll("[redacted]");
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }
}
