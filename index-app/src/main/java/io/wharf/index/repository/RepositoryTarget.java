package io.wharf.index.repository;

import io.wharf.index.error.ApiException;
import java.util.List;
import java.util.Optional;

/**
 * What a path below {@code /api/repositories} names: a repository, optionally followed by {@code /-/}
 * and a sub-resource ({@code collaborators}, {@code collaborators/bob}).
 */
record RepositoryTarget(String rawPath, RepositoryPath repository, List<String> subresource) {

    static final String MARKER = "/-/";

    /** Parses the captured path, which starts with a slash: {@code /acme/team/app/-/collaborators}. */
    static RepositoryTarget parse(String rawPath) {
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        int marker = path.indexOf(MARKER);
        String name = marker < 0 ? path : path.substring(0, marker);
        List<String> subresource = marker < 0
                ? List.of()
                : List.of(path.substring(marker + MARKER.length()).split("/", -1));
        RepositoryPath repository = RepositoryPath.parse(name)
                .orElseThrow(() -> ApiException.notFound("no repository " + name));
        return new RepositoryTarget(rawPath, repository, subresource);
    }

    boolean isRepository() {
        return subresource.isEmpty();
    }

    /** Whether the path names the collection itself, as in {@code /-/collaborators}. */
    boolean is(String collection) {
        return subresource.equals(List.of(collection));
    }

    /** The member named after the collection, as {@code bob} in {@code /-/collaborators/bob}. */
    Optional<String> memberOf(String collection) {
        boolean member = subresource.size() == 2 && subresource.get(0).equals(collection) && !subresource.get(1).isEmpty();
        return member ? Optional.of(subresource.get(1)) : Optional.empty();
    }

    ApiException unknown() {
        return ApiException.notFound("no such resource: /api/repositories" + rawPath);
    }
}
