package io.wharf.index.webhook;

import io.wharf.index.error.ApiException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Where hooks may send to. Only {@code http} and {@code https} URLs; unless
 * {@code wharf.index.webhooks.allow-private-targets} is set, none whose host is or resolves to an address of the
 * index's own networks (loopback, private, link-local with the cloud metadata service, unique-local, carrier-grade
 * NAT, multicast, unspecified), so that a hook cannot reach what only the index can reach. Checked when a hook is
 * saved and again before every delivery, after resolving: the delivery then connects to the address checked.
 */
@Component
public class WebhookTargets {

    private final TargetResolver resolver;
    private final boolean allowPrivate;

    WebhookTargets(TargetResolver resolver, WebhookProperties properties) {
        this.resolver = resolver;
        this.allowPrivate = properties.allowPrivateTargets();
    }

    /** The URL, checked; an {@link ApiException} on the field {@code url} says why it may not be used. */
    URI check(String url) {
        URI uri = parse(url);
        try {
            resolve(uri);
        } catch (RefusedTarget refused) {
            throw ApiException.badRequest(refused.getMessage()).onField("url");
        }
        return uri;
    }

    /** The address to connect to for the URL: its host's first address, every one of them allowed. */
    InetAddress resolve(URI uri) throws RefusedTarget {
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(uri.getHost());
        } catch (UnknownHostException unknown) {
            throw new RefusedTarget("The host " + uri.getHost() + " could not be resolved; check the URL's host name.");
        }
        if (addresses.isEmpty()) {
            throw new RefusedTarget("The host " + uri.getHost() + " has no address; check the URL's host name.");
        }
        if (!allowPrivate) {
            for (InetAddress address : addresses) {
                if (isInternal(address)) {
                    throw new RefusedTarget("The host " + uri.getHost() + " is or resolves to "
                            + address.getHostAddress()
                            + ", an address of a private, loopback, link-local or similar network, which webhooks may"
                            + " not target; use a public address, or ask the administrator to allow private targets"
                            + " (wharf.index.webhooks.allow-private-targets).");
                }
            }
        }
        return addresses.get(0);
    }

    private static URI parse(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException invalid) {
            throw ApiException.badRequest("The URL is not valid: " + invalid.getReason() + ".").onField("url");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw ApiException.badRequest("Webhooks need an http:// or https:// URL.").onField("url");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw ApiException.badRequest("The URL needs a host name, as in https://ci.example.com/hook.")
                    .onField("url");
        }
        if (uri.getRawUserInfo() != null) {
            throw ApiException.badRequest("Leave user and password out of the URL: deliveries are signed instead.")
                    .onField("url");
        }
        return uri;
    }

    static boolean isInternal(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            // fc00::/7, unique local addresses (the IPv6 private networks; AWS's metadata service is fd00:ec2::254).
            return (bytes[0] & 0xfe) == 0xfc;
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        // 0.0.0.0/8 ("this network"), 100.64.0.0/10 (carrier-grade NAT), 192.0.0.0/24 (protocol assignments),
        // 198.18.0.0/15 (benchmarking), 240.0.0.0/4 (reserved) and the broadcast address.
        return first == 0 || (first == 100 && (second & 0xc0) == 64) || (first == 192 && second == 0 && bytes[2] == 0)
                || (first == 198 && (second & 0xfe) == 18) || first >= 240;
    }

    /** A target refused at delivery time: the delivery fails with this message and is retried like any failure. */
    static class RefusedTarget extends Exception {

        RefusedTarget(String message) {
            super(message);
        }
    }
}
