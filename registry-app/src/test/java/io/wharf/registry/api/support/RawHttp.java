package io.wharf.registry.api.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A minimal HTTP/1.1 client over a plain socket, for requests ordinary clients refuse to send or rewrite: a request
 * target sent verbatim ({@code ..} segments, percent escapes), repeated header lines, no Content-Type at all, and
 * bodies streamed with chunked transfer encoding the way the docker engine sends a layer.
 */
public final class RawHttp {

    private static final int TIMEOUT_MILLIS = 30_000;

    private final int port;
    private final String method;
    private final String target;
    private final List<String[]> headers = new ArrayList<>();
    private byte[] body;
    private int chunkSize;
    private int pauseAt = -1;
    private Future<?> resume;

    private RawHttp(int port, String method, String target) {
        this.port = port;
        this.method = method;
        this.target = target;
    }

    /** A request to the registry on {@code 127.0.0.1:port}; {@code target} goes on the request line as it is. */
    public static RawHttp request(int port, String method, String target) {
        return new RawHttp(port, method, target);
    }

    /** Adds a header line; calling it twice with one name sends two lines. */
    public RawHttp header(String name, String value) {
        headers.add(new String[] {name, value});
        return this;
    }

    public RawHttp body(byte[] body) {
        this.body = body;
        return this;
    }

    /** Sends the body with {@code Transfer-Encoding: chunked}, in chunks of {@code size} bytes, flushing each. */
    public RawHttp chunked(int size) {
        this.chunkSize = size;
        return this;
    }

    /**
     * Sends the first {@code bytes} of a Content-Length body, then waits (at most the socket timeout) for
     * {@code resume} before the rest: a request that is mid-stream while a test does something else.
     */
    public RawHttp pausedAfter(int bytes, Future<?> resume) {
        this.pauseAt = bytes;
        this.resume = resume;
        return this;
    }

    public Response send() {
        try (Socket socket = connect(port)) {
            writeRequest(socket, true);
            return read(new BufferedInputStream(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + target + " failed", e);
        }
    }

    /**
     * Sends the request without asking the server to close the connection, reads the whole answer and returns the
     * connection still open: a keep-alive client, idle between requests. The caller closes it.
     */
    public Socket sendAndKeepOpen() {
        Socket socket = null;
        try {
            socket = connect(port);
            writeRequest(socket, false);
            read(new BufferedInputStream(socket.getInputStream()));
            return socket;
        } catch (IOException e) {
            closeQuietly(socket);
            throw new UncheckedIOException(method + " " + target + " failed", e);
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        return socket;
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    private void writeRequest(Socket socket, boolean close) throws IOException {
        OutputStream out = socket.getOutputStream();
        StringBuilder head = new StringBuilder()
                .append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n");
        if (close) {
            head.append("Connection: close\r\n");
        }
        headers.forEach(header -> head.append(header[0]).append(": ").append(header[1]).append("\r\n"));
        if (body != null && chunkSize > 0) {
            head.append("Transfer-Encoding: chunked\r\n");
        } else if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null && chunkSize > 0) {
            for (int offset = 0; offset < body.length; offset += chunkSize) {
                int length = Math.min(chunkSize, body.length - offset);
                out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body, offset, length);
                out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        } else if (body != null && pauseAt >= 0) {
            out.write(body, 0, pauseAt);
            out.flush();
            awaitResume();
            out.write(body, pauseAt, body.length - pauseAt);
        } else if (body != null) {
            out.write(body);
        }
        out.flush();
    }

    /**
     * Sends {@code request} byte for byte (request line, headers and body as given) and reads until the server closes
     * the connection. The answer must be framed exactly: a Content-Length equal to the bytes that follow the head,
     * or chunks that end precisely at the end of the stream. Empty when the server closed the connection without an
     * answer; an abortive close (reset) fails.
     */
    public static Optional<Response> verbatim(int port, byte[] request) {
        byte[] received = exchange(port, request);
        return received.length == 0 ? Optional.empty() : Optional.of(framed(received));
    }

    /** The one HTTP/1.1 answer to a GET that {@code received} holds, framed exactly (see {@link #verbatim}). */
    public static Response framed(byte[] received) {
        ByteArrayInputStream in = new ByteArrayInputStream(received);
        try {
            Response response = new RawHttp(0, "GET", "/").read(in);
            if (response.header("Content-Length") != null) {
                assertFramed(Integer.parseInt(response.header("Content-Length")) == response.body().length,
                        "Content-Length differs from the body's length", received);
            } else {
                assertFramed(response.header("Transfer-Encoding") != null, "neither Content-Length nor chunked",
                        received);
            }
            assertFramed(in.available() == 0, in.available() + " bytes after the framed body", received);
            return response;
        } catch (IOException e) {
            throw new AssertionError("not an HTTP/1.1 answer: " + new String(received, StandardCharsets.ISO_8859_1),
                    e);
        }
    }

    /** Sends {@code request} byte for byte and returns all the server sent until it closed the connection cleanly. */
    public static byte[] exchange(int port, byte[] request) {
        try (Socket socket = connect(port)) {
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return socket.getInputStream().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("the connection was not closed cleanly", e);
        }
    }

    private static void assertFramed(boolean framed, String problem, byte[] received) {
        if (!framed) {
            throw new AssertionError(problem + ": " + new String(received, StandardCharsets.ISO_8859_1));
        }
    }

    private void awaitResume() throws IOException {
        try {
            resume.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("not resumed", e);
        }
    }

    private Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, List<String>> responseHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String line; !(line = line(in)).isEmpty(); ) {
            int colon = line.indexOf(':');
            responseHeaders.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        byte[] content;
        String transferEncoding = first(responseHeaders, "Transfer-Encoding");
        String contentLength = first(responseHeaders, "Content-Length");
        if ("HEAD".equals(method) || status == 204 || status == 304) {
            content = new byte[0];
        } else if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            ByteArrayOutputStream decoded = new ByteArrayOutputStream();
            for (int size; (size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) > 0; ) {
                decoded.write(in.readNBytes(size));
                line(in);
            }
            while (!line(in).isEmpty()) {
                // trailers
            }
            content = decoded.toByteArray();
        } else if (contentLength != null) {
            content = in.readNBytes(Integer.parseInt(contentLength));
        } else {
            content = in.readAllBytes();
        }
        return new Response(status, responseHeaders, content);
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null ? null : values.get(0);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("connection closed in the middle of a line: " + line);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** A response: status, headers (names case-insensitive), body. */
    public record Response(int status, Map<String, List<String>> headers, byte[] body) {

        public String header(String name) {
            return first(headers, name);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }
}
