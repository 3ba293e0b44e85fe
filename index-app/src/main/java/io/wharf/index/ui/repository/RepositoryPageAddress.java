package io.wharf.index.ui.repository;

import io.wharf.index.error.ApiException;
import io.wharf.index.repository.RepositoryPath;

/**
 * What an address below {@code /r/} names. Repository names contain slashes ({@code acme/team/app}), so a page
 * or action of a repository follows a {@code /-/} marker, which no repository name can contain, as in the REST
 * API: {@code /r/acme/team/app} is the repository page, {@code /r/acme/team/app/-/settings} its settings.
 *
 * @param action what follows the marker ({@code settings}, {@code star}, ...), {@code ""} for the repository page
 */
record RepositoryPageAddress(RepositoryPath repository, String action) {

    static final String PREFIX = "/r/";
    private static final String MARKER = "/-/";

    /** Parses the path captured after {@code /r}, which starts with a slash. */
    static RepositoryPageAddress parse(String captured) {
        String path = captured.startsWith("/") ? captured.substring(1) : captured;
        int marker = path.indexOf(MARKER);
        String name = marker < 0 ? path : path.substring(0, marker);
        RepositoryPath repository = RepositoryPath.parse(name)
                .orElseThrow(() -> ApiException.notFound("no repository " + name));
        return new RepositoryPageAddress(repository, marker < 0 ? "" : path.substring(marker + MARKER.length()));
    }

    /** The address of a repository's page, or of one of its actions ({@code "settings"}). */
    static String of(String fullName, String action) {
        return PREFIX + fullName + (action.isEmpty() ? "" : MARKER + action);
    }

    String page(String action) {
        return of(repository.fullName(), action);
    }

    ApiException unknown() {
        return ApiException.notFound("there is no page " + page(action));
    }
}
