package io.wharf.registry.search;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.wharf.registry.RegistryApplication;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** When the index cannot be reached, {@code /v1/search} says the service is unavailable, in JSON. */
@DirtiesContext
@SpringBootTest(classes = RegistryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "wharf.registry.auth.enabled=false",
                // Port 1: nothing listens there, so the connection is refused at once.
                "wharf.registry.search.index-url=http://127.0.0.1:1"})
class DockerSearchIndexDownTest {

    @TempDir
    static Path dataDir;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry properties) {
        properties.add("wharf.data-dir", dataDir::toString);
    }

    @Test
    void searchAnswers503WhenTheIndexIsDown() {
        given().port(port).get("/v1/search?q=redis")
                .then().statusCode(503)
                .contentType("application/json")
                .body("errors[0].code", equalTo("UNAVAILABLE"));
    }

    @Test
    void pingNeedsNoIndex() {
        given().port(port).get("/v1/_ping").then().statusCode(200);
    }
}
