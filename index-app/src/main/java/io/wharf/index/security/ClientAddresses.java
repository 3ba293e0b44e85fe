package io.wharf.index.security;

import io.wharf.index.IndexProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.AuthenticationDetailsSource;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

/**
 * The address a request comes from, as the sign-in throttle counts it. Only a connection from a trusted proxy
 * ({@code wharf.index.login-throttle.trusted-proxies}) may name another one in {@code X-Forwarded-For}; from
 * there the client is the nearest address in that header that is not itself a trusted proxy. Anyone else's
 * header is ignored, so nobody can pass off their guesses as someone else's.
 */
@Component
public class ClientAddresses implements AuthenticationDetailsSource<HttpServletRequest, ClientAddresses.ClientAddress> {

    static final String FORWARDED_FOR = "X-Forwarded-For";

    private final List<IpAddressMatcher> trustedProxies;

    @Autowired
    public ClientAddresses(IndexProperties properties) {
        this(properties.loginThrottle().trustedProxies());
    }

    ClientAddresses(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream()
                .map(String::strip)
                .filter(proxy -> !proxy.isEmpty())
                .map(IpAddressMatcher::new)
                .toList();
    }

    public String of(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        String forwardedFor = request.getHeader(FORWARDED_FOR);
        if (forwardedFor == null || !trusted(address)) {
            return address;
        }
        // Each proxy appends the address it was reached from: read from the right, past our own proxies.
        String[] hops = forwardedFor.split(",");
        for (int hop = hops.length - 1; hop >= 0; hop--) {
            String candidate = hops[hop].strip();
            if (candidate.isEmpty() || !trusted(candidate)) {
                return candidate.isEmpty() ? address : candidate;
            }
            address = candidate;
        }
        return address;
    }

    /** For Spring Security's HTTP Basic and form login: the details their authentication requests carry. */
    @Override
    public ClientAddress buildDetails(HttpServletRequest request) {
        return new ClientAddress(of(request));
    }

    private boolean trusted(String address) {
        try {
            return trustedProxies.stream().anyMatch(proxy -> proxy.matches(address));
        } catch (IllegalArgumentException notAnAddress) {
            return false;
        }
    }

    /** The client's address, as the details of an authentication request. */
    public record ClientAddress(String value) {

        static String of(Object details) {
            return details instanceof ClientAddress address ? address.value() : "unknown";
        }
    }
}
