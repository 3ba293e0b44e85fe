package io.wharf.registry.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The registry's own HTTP calls (events to their endpoints, {@code docker search} to the index): one request with
 * {@link HttpURLConnection}, no proxy, no redirects, connection and each read bounded by a timeout; the JDK keeps the
 * connection alive for the next call. Not {@code java.net.http.HttpClient}: building one initializes TLS (the default
 * SSLContext, about 750 classes and the CA certificates) and starts a selector thread even for plain-http URLs, a
 * good part of what the registry's memory budget has left (docs/performance.md).
 */
public final class PlainHttp {

    private PlainHttp() {
    }

    /** The status, content type and body of an answer. */
    public record Answer(int status, String contentType, byte[] body) {
    }

    /**
     * Sends {@code method} to {@code uri} with {@code headers} and {@code body} (null: none); reads the answer's body
     * only when {@code readBody} (else it is drained, so the connection can be reused).
     *
     * @throws IOException when the endpoint cannot be reached or does not answer within the timeout
     */
    public static Answer exchange(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout,
            boolean readBody) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
        connection.setConnectTimeout(Math.toIntExact(timeout.toMillis()));
        connection.setReadTimeout(Math.toIntExact(timeout.toMillis()));
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        connection.setRequestMethod(method);
        headers.forEach(connection::setRequestProperty);
        if (body != null) {
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
        }
        int status = connection.getResponseCode();
        InputStream answer = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        byte[] content = new byte[0];
        if (answer != null) {
            try (answer) {
                if (readBody) {
                    content = answer.readAllBytes();
                } else {
                    answer.transferTo(OutputStream.nullOutputStream());
                }
            }
        }
        return new Answer(status, connection.getContentType(), content);
    }
}
