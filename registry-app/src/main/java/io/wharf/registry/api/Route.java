package io.wharf.registry.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resources of the distribution API. Repository names span several path segments
 * ({@code team/sub/app}), which Spring's path patterns cannot capture before a fixed suffix, so each
 * route is a regular expression like CNCF Distribution's router; they are tried in this order.
 */
enum Route {
    BASE("/v2/?"),
    CATALOG("/v2/_catalog"),
    TAGS("/v2/(?<name>.+)/tags/list"),
    MANIFEST("/v2/(?<name>.+)/manifests/(?<reference>[^/]+)"),
    UPLOADS("/v2/(?<name>.+)/blobs/uploads/?"),
    UPLOAD("/v2/(?<name>.+)/blobs/uploads/(?<reference>[^/]+)"),
    BLOB("/v2/(?<name>.+)/blobs/(?<reference>[^/]+)"),
    REFERRERS("/v2/(?<name>.+)/referrers/(?<reference>[^/]+)");

    private final Pattern pattern;

    Route(String regex) {
        this.pattern = Pattern.compile(regex);
    }

    Matcher matcher(String path) {
        return pattern.matcher(path);
    }

    boolean hasName() {
        return pattern.pattern().contains("(?<name>");
    }

    boolean hasReference() {
        return pattern.pattern().contains("(?<reference>");
    }
}
