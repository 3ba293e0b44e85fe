package io.wharf.registry.search;

import io.wharf.registry.http.PlainHttp;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * The index's {@code GET /v1/search}, asked on behalf of a client: the client's query string and credentials
 * go through unchanged, because the index decides what the caller may see.
 */
@Component
class IndexSearch {

    /** The index could not be asked (down, unreachable, too slow). */
    static class UnavailableException extends Exception {
        UnavailableException(Throwable cause) {
            super("the index cannot be reached", cause);
        }
    }

    private final SearchProperties properties;

    IndexSearch(SearchProperties properties) {
        this.properties = properties;
    }

    /**
     * The index's answer, passed back to the client as it is.
     *
     * @param query the client's raw (still encoded) query string, or null
     * @param authorization the client's Authorization header, or null
     * @throws IllegalArgumentException when the query string is not a valid URI query
     */
    PlainHttp.Answer search(String query, String authorization) throws UnavailableException {
        URI uri = URI.create(properties.indexUrl().toString().replaceAll("/+$", "") + "/v1/search"
                + (query == null ? "" : "?" + query));
        Map<String, String> headers = authorization == null ? Map.of()
                : Map.of(HttpHeaders.AUTHORIZATION, authorization);
        try {
            return PlainHttp.exchange("GET", uri, headers, null, properties.timeout(), true);
        } catch (IOException unreachable) {
            throw new UnavailableException(unreachable);
        }
    }
}
