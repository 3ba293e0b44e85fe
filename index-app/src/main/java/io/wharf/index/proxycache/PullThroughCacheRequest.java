package io.wharf.index.proxycache;

import io.wharf.contract.proxy.ProxySettings;
import io.wharf.index.repository.Visibility;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A pull-through cache's settings as an administrator gives them. The password is write-only: null or blank keeps the
 * stored one (a blank username removes the credentials). The registry checks the URL and the globs.
 *
 * @param revalidateAfterSeconds how long a cached tag is served without asking the upstream whether it moved;
 *     null: {@link ProxySettings#DEFAULT_REVALIDATE_AFTER_SECONDS}
 * @param include repository names (globs) the cache fetches; empty: all
 * @param exclude repository names (globs) it never fetches
 * @param sizeLimitBytes null: no limit
 * @param mirror serve the engine mirror path ({@code library/<x>}); one cache at most; absent: no
 * @param visibility public: anyone may pull, anonymous clients too; private: signed-in users
 */
public record PullThroughCacheRequest(
        @NotBlank(message = "Give the upstream registry's URL, such as https://registry-1.docker.io.")
        @Size(max = 2048, message = "The upstream URL may be at most 2048 characters long.")
        String upstream,
        String username,
        String password,
        @PositiveOrZero(message = "The revalidation interval cannot be negative.")
        Long revalidateAfterSeconds,
        List<String> include,
        List<String> exclude,
        @Positive(message = "The size limit must be positive; leave it empty for none.")
        Long sizeLimitBytes,
        Boolean mirror,
        @NotNull(message = "Choose public or private.")
        Visibility visibility) {

    public PullThroughCacheRequest {
        upstream = upstream == null ? null : upstream.strip();
        username = username == null || username.isBlank() ? null : username.strip();
        password = password == null || password.isEmpty() ? null : password;
        include = include == null ? List.of() : List.copyOf(include);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
        mirror = Boolean.TRUE.equals(mirror);
    }

    ProxySettings settings() {
        return new ProxySettings(upstream, username, password, revalidateAfterSeconds, include, exclude,
                sizeLimitBytes, mirror);
    }
}
