package io.wharf.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.registry.api.support.OciErrors;
import io.wharf.registry.api.support.RawHttp;
import io.wharf.registry.api.support.RegistryApiTest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every answer on the registry's port is the spec's error body with the status that fits, framed by a Content-Length
 * or chunks that match it, however early the request was refused: by Tomcat's connector, by Spring before any
 * handler, or by the distribution API. Each request is sent byte for byte over a socket.
 */
class ErrorAnswersTest extends RegistryApiTest {

    @Test
    void pathsTheConnectorRefusesGetTheSpecsErrorBody() {
        assertRefused(400, "UNSUPPORTED", request("GET /v2/a\u0001b/tags/list"));
        assertRefused(400, "UNSUPPORTED", request("GET /v2/a\u0000b/tags/list"));
        assertRefused(400, "UNSUPPORTED", request("GET /v2/a%00b/tags/list"));
        assertRefused(400, "UNSUPPORTED", request("GET /v2/a\\b/tags/list"));
        assertRefused(400, "UNSUPPORTED", request("GET /v2/caf\u00c3\u00a9/tags/list"));
        assertRefused(400, "UNSUPPORTED", request("GET /v2/a/tags/list?" + "q=x&".repeat(3000)));
    }

    @Test
    void headersTheConnectorRefusesGetTheSpecsErrorBody() {
        assertRefused(400, "UNSUPPORTED", request("GET /v2/", "X-Padding: " + "x".repeat(20_000)));
        assertRefused(400, "UNSUPPORTED", request("PUT /v2/", "Content-Length: abc"));
        assertRefused(400, "UNSUPPORTED", request("PUT /v2/", "Content-Length: 1", "Content-Length: 2"));
        assertRefused(417, "UNSUPPORTED", request("PUT /v2/", "Expect: garbage", "Content-Length: 1"));
        assertRefused(505, "UNSUPPORTED", bytes("GET /v2/ HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n"));
    }

    @Test
    void aBrokenChunkedBodyGetsTheSpecsErrorBody() {
        String upload = registry.startUpload(newRepository("chunks"));
        assertRefused(400, "UNSUPPORTED", request("PATCH " + upload, "Transfer-Encoding: chunked",
                "Content-Type: application/octet-stream") + "zz\r\nabc\r\n0\r\n\r\n");
    }

    @Test
    void unknownAddressesAndMethodsGetTheSpecsErrorBody() {
        assertRefused(404, "UNSUPPORTED", request("GET /"));
        assertRefused(404, "UNSUPPORTED", request("GET /nothing/here"));
        assertRefused(404, "UNSUPPORTED", request("GET /actuator/nothing"));
        assertRefused(404, "UNSUPPORTED", request("GET /error"));
        assertRefused(405, "UNSUPPORTED", request("BREW /v2/"));
        assertRefused(405, "UNSUPPORTED", request("TRACE /v2/"));
        assertRefused(405, "UNSUPPORTED", request("DELETE /v1/_ping"));
        assertRefused(405, "UNSUPPORTED", request("POST /v2/" + newRepository("methods") + "/tags/list"));
    }

    /**
     * A CR or LF inside the request line ends it there: Tomcat takes what precedes it as an HTTP/0.9 request, whose
     * answer is a bare body (the spec's error) followed by a clean close; nothing is left to read as another request.
     */
    @Test
    void aLineBreakInTheRequestLineEndsTheConnectionCleanly() {
        for (String line : new String[] {"GET /v2/a\rb/tags/list HTTP/1.1", "GET /v2/a\nb/tags/list HTTP/1.1"}) {
            byte[] received = RawHttp.exchange(port(), (line + "\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(received, StandardCharsets.UTF_8);
            if (answer.startsWith("HTTP/")) {
                OciErrors.assertError(RawHttp.framed(received), 400, "UNSUPPORTED");
            } else if (!answer.isEmpty()) {
                assertThat(OciErrors.codes(received)).as(answer).containsExactly("UNSUPPORTED");
            }
        }
    }

    private void assertRefused(int status, String code, String request) {
        assertRefused(status, code, bytes(request));
    }

    private void assertRefused(int status, String code, byte[] request) {
        Optional<RawHttp.Response> response = RawHttp.verbatim(port(), request);
        assertThat(response).as("an answer to " + new String(request, StandardCharsets.ISO_8859_1)).isPresent();
        OciErrors.assertError(response.get(), status, code);
        assertThat(response.get().bodyText()).doesNotContain("timestamp", "<html");
    }

    /** A request line and headers, ending the head; {@code Connection: close} so that the answer ends the stream. */
    private static String request(String requestLine, String... headers) {
        StringBuilder head = new StringBuilder(requestLine).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                .append("Connection: close\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    private static byte[] bytes(String request) {
        return request.getBytes(StandardCharsets.ISO_8859_1);
    }
}
