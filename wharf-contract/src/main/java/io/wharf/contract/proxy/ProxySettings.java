package io.wharf.contract.proxy;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * What an administrator sets for a pull-through cache (the body of the registry's {@code PUT /admin/proxies/{name}}).
 * {@code password} null keeps the stored one; {@code username} null or empty removes the credentials;
 * {@code revalidateAfterSeconds} null means {@link #DEFAULT_REVALIDATE_AFTER_SECONDS}; {@code sizeLimitBytes} null or 0
 * means no limit; {@code mirror} null means false. {@code include} and {@code exclude} are {@link RepositoryGlob}s over upstream repository names.
 */
public record ProxySettings(String upstream, String username, String password, Long revalidateAfterSeconds,
        List<String> include, List<String> exclude, Long sizeLimitBytes, Boolean mirror) {

    public static final long DEFAULT_REVALIDATE_AFTER_SECONDS = 300;

    public ProxySettings {
        include = include == null ? List.of() : List.copyOf(include);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
        mirror = Boolean.TRUE.equals(mirror);
    }

    /**
     * The reasons these settings cannot be stored, each one line for the administrator; empty when they can.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!isHttpUrl(upstream)) {
            problems.add("upstream must be an http:// or https:// URL with a host, such as https://registry-1.docker.io"
                    + " (got " + upstream + ")");
        }
        if (revalidateAfterSeconds != null && revalidateAfterSeconds < 0) {
            problems.add("revalidateAfterSeconds must be 0 or more (0 asks the upstream on every tag pull)");
        }
        if (sizeLimitBytes != null && sizeLimitBytes < 0) {
            problems.add("sizeLimitBytes must be 0 (no limit) or more");
        }
        for (String glob : include) {
            if (!RepositoryGlob.isValid(glob)) {
                problems.add("include: " + RepositoryGlob.problem(glob));
            }
        }
        for (String glob : exclude) {
            if (!RepositoryGlob.isValid(glob)) {
                problems.add("exclude: " + RepositoryGlob.problem(glob));
            }
        }
        return List.copyOf(problems);
    }

    /** Whether credentials are to be kept (or set): a non-empty username. */
    public boolean hasUsername() {
        return username != null && !username.isEmpty();
    }

    public long revalidateAfterSecondsOrDefault() {
        return revalidateAfterSeconds == null ? DEFAULT_REVALIDATE_AFTER_SECONDS : revalidateAfterSeconds;
    }

    /** The upstream URL without a trailing slash, which the cache appends {@code /v2/...} to. */
    public String upstreamBase() {
        return upstream.endsWith("/") ? upstream.substring(0, upstream.length() - 1) : upstream;
    }

    private static boolean isHttpUrl(String candidate) {
        if (candidate == null) {
            return false;
        }
        try {
            URI uri = new URI(candidate);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        } catch (URISyntaxException notAUri) {
            return false;
        }
    }

    /** Keeps the password out of logs and exception messages. */
    @Override
    public String toString() {
        return "ProxySettings[upstream=" + upstream + ", username=" + username + ", password="
                + (password == null ? "null" : "***") + ", revalidateAfterSeconds=" + revalidateAfterSeconds
                + ", include=" + include + ", exclude=" + exclude + ", sizeLimitBytes=" + sizeLimitBytes
                + ", mirror=" + mirror + "]";
    }
}
