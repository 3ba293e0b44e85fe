package io.wharf.registry.search;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * The index's {@code GET /v1/search}, asked on behalf of a client: the client's query string and credentials
 * go through unchanged, because the index decides what the caller may see.
 */
@Component
class IndexSearch {

    /** The index's answer, passed back to the client as it is. */
    record Answer(int status, String contentType, byte[] body) {
    }

    /** The index could not be asked (down, unreachable, too slow). */
    static class UnavailableException extends Exception {
        UnavailableException(Throwable cause) {
            super("the index cannot be reached", cause);
        }
    }

    private final SearchProperties properties;
    private final HttpClient http;

    IndexSearch(SearchProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.timeout())
                .build();
    }

    /**
     * @param query the client's raw (still encoded) query string, or null
     * @param authorization the client's Authorization header, or null
     * @throws IllegalArgumentException when the query string is not a valid URI query
     */
    Answer search(String query, String authorization) throws UnavailableException {
        URI uri = URI.create(properties.indexUrl().toString().replaceAll("/+$", "") + "/v1/search"
                + (query == null ? "" : "?" + query));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(properties.timeout()).GET();
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        try {
            HttpResponse<byte[]> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(answer.statusCode(),
                    answer.headers().firstValue(HttpHeaders.CONTENT_TYPE).orElse(null), answer.body());
        } catch (IOException unreachable) {
            throw new UnavailableException(unreachable);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new UnavailableException(interrupted);
        }
    }
}
