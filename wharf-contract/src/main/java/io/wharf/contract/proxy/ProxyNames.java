package io.wharf.contract.proxy;

import io.wharf.contract.name.RepositoryName;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which pull-through cache, if any, serves a requested repository name.
 * <ul>
 * <li>A name in a proxy's namespace ({@code dockerhub/library/alpine}) is that proxy's: stored under that name, asked
 * of the upstream as the rest of it ({@code library/alpine}).</li>
 * <li>The mirror path: a top-level name ({@code library/alpine}, which the engine asks for as a registry mirror) is
 * Wharf's own repository whenever one of that name exists. Only when none does and a proxy is the mirror is it served
 * by that proxy, stored as {@code <mirror>/library/alpine} (so mirror and namespace pulls share one cache) and asked of
 * the upstream as {@code library/alpine}. A push to {@code library/alpine} is an ordinary local push, which from then
 * on shadows the mirror.</li>
 * </ul>
 */
public final class ProxyNames {

    private ProxyNames() {
    }

    /** Whether {@code name} can name a proxy: one path component of the repository grammar, not {@code library}. */
    public static boolean isValidProxyName(String name) {
        return name != null && name.indexOf('/') < 0 && RepositoryName.isValid(name)
                && !name.equals(RepositoryName.OFFICIAL_NAMESPACE);
    }

    /** Why {@code name} cannot name a proxy, for an administrator; null when it can. */
    public static String proxyNameProblem(String name) {
        if (isValidProxyName(name)) {
            return null;
        }
        if (RepositoryName.OFFICIAL_NAMESPACE.equals(name)) {
            return "'library' holds the registry's own top-level images and cannot name a proxy";
        }
        return "a proxy name is one path component of lowercase letters and digits, optionally joined by '.', '_',"
                + " '__' or '-' (such as dockerhub or ghcr-io), got '" + name + "'";
    }

    /**
     * The cache that serves {@code requested}, if any.
     *
     * @param isProxy whether a namespace is a proxy's name
     * @param mirrorProxy the proxy marked as the engine mirror, if one is
     * @param localRepositoryExists whether the registry holds a repository of that name of its own
     */
    public static Optional<ProxiedName> resolve(RepositoryName requested, Predicate<String> isProxy,
            Optional<String> mirrorProxy, Predicate<RepositoryName> localRepositoryExists) {
        String namespace = requested.namespace();
        if (isProxy.test(namespace)) {
            return Optional.of(new ProxiedName(namespace, requested, requested.path(), false));
        }
        if (requested.official() && mirrorProxy.isPresent() && !localRepositoryExists.test(requested)) {
            String stored = mirrorProxy.get() + "/" + requested.value();
            if (!RepositoryName.isValid(stored)) {
                return Optional.empty();
            }
            return Optional.of(new ProxiedName(mirrorProxy.get(), new RepositoryName(stored), requested.value(), true));
        }
        return Optional.empty();
    }

    /** Whether a proxy's include and exclude globs let it fetch {@code upstreamRepository}. */
    public static boolean allows(ProxySettings settings, String upstreamRepository) {
        return allows(settings.include(), settings.exclude(), upstreamRepository);
    }

    public static boolean allows(List<String> include, List<String> exclude,
            String upstreamRepository) {
        boolean included = include.isEmpty() || include.stream().anyMatch(glob -> RepositoryGlob.matches(glob,
                upstreamRepository));
        return included && exclude.stream().noneMatch(glob -> RepositoryGlob.matches(glob, upstreamRepository));
    }

    /** The one line both services answer a push into a proxy's namespace with. */
    public static String pushRefusal(String proxy, String upstream) {
        return proxy + " is a pull-through cache of " + upstream
                + ": pushes are refused; push to your own namespace instead";
    }
}
