package io.wharf.registry.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.restassured.response.Response;
import io.wharf.registry.RegistryApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code docker search <registry>/<term>} asks the registry's host: {@code /v1/_ping}, then {@code /v1/search},
 * which the registry forwards to the index with the client's query and credentials. Token authentication is on, to
 * show that these endpoints are not behind the /v2 access guard.
 */
@DirtiesContext
@SpringBootTest(classes = RegistryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "wharf.registry.auth.enabled=true"})
class DockerSearchTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final StubIndex INDEX = new StubIndex();

    @TempDir
    static Path dataDir;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry properties) {
        properties.add("wharf.data-dir", dataDir::toString);
        properties.add("wharf.registry.search.index-url", INDEX::url);
    }

    @AfterEach
    void indexAnswersOk() {
        INDEX.status.set(200);
    }

    @AfterAll
    static void stopIndex() {
        INDEX.server.stop(0);
    }

    @Test
    void pingSaysThisIsNotAStandaloneRegistry() {
        given().port(port).get("/v1/_ping")
                .then().statusCode(200)
                .header("X-Docker-Registry-Standalone", "false")
                .body("standalone", equalTo(false));
    }

    @Test
    void searchIsForwardedWithTheQueryAndTheCredentials() {
        Response response = given().port(port).urlEncodingEnabled(false)
                .header("Authorization", "Basic YWxpY2U6")
                .header("X-Docker-Token", "true")
                .get("/v1/search?q=redis%20tools&n=25&page=2");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(response.jsonPath().getString("query_string")).isEqualTo("q=redis%20tools&n=25&page=2");
        assertThat(response.jsonPath().getString("authorization")).isEqualTo("Basic YWxpY2U6");
    }

    @Test
    void anAnonymousSearchIsForwardedWithoutCredentials() {
        Response response = given().port(port).get("/v1/search?q=redis");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.jsonPath().getString("query_string")).isEqualTo("q=redis");
        assertThat(response.jsonPath().getMap("")).containsEntry("authorization", null);
    }

    @Test
    void theIndexStatusIsPassedBack() {
        INDEX.status.set(401);

        Response response = given().port(port).header("Authorization", "Bearer expired").get("/v1/search?q=x");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.jsonPath().getString("authorization")).isEqualTo("Bearer expired");
    }

    /**
     * The index's /v1/search as a real HTTP server: answers with the status a test sets and a JSON body telling
     * what it was asked.
     */
    private static final class StubIndex {

        final HttpServer server;
        final AtomicInteger status = new AtomicInteger(200);

        StubIndex() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/v1/search", this::answer);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        private void answer(HttpExchange exchange) throws IOException {
            try (exchange) {
                Map<String, String> asked = new LinkedHashMap<>();
                asked.put("query_string", exchange.getRequestURI().getRawQuery());
                asked.put("authorization", exchange.getRequestHeaders().getFirst("Authorization"));
                byte[] body = JSON.writeValueAsString(asked).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status.get(), body.length);
                exchange.getResponseBody().write(body);
            }
        }
    }
}
