package io.wharf.contract.proxy;

import io.wharf.contract.name.RepositoryName;

/**
 * A requested repository name that a pull-through cache serves: the {@code proxy}'s name, the name the content is
 * {@code stored} under in the registry (and known by in the index), and the repository to ask the upstream for.
 * {@code viaMirror} tells an engine-mirror request ({@code library/alpine} stored as {@code dockerhub/library/alpine})
 * from a request in the proxy's namespace.
 */
public record ProxiedName(String proxy, RepositoryName stored, String upstreamRepository, boolean viaMirror) {
}
