package io.wharf.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.registry.api.support.RegistryApiTest;
import io.wharf.registry.api.support.TestBlob;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/** The registry's Tomcat reads request bodies with the configured socket buffer (wharf.registry.http.read-buffer). */
class TomcatSocketBuffersTest extends RegistryApiTest {

    @Autowired
    private WebServerApplicationContext context;

    @Test
    void theConnectorReadsWithTheConfiguredBufferOffTheHeap() {
        Connector connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();

        assertThat(String.valueOf(connector.getProperty("socket.appReadBufSize"))).isEqualTo("32768");
        assertThat(String.valueOf(connector.getProperty("socket.directBuffer"))).isEqualTo("true");
    }

    @Test
    void aBodyOfManyBuffersArrivesWhole() {
        String repository = newRepository("socket-buffers");
        TestBlob blob = TestBlob.random(5 * 32 * 1024 + 17);

        assertThat(registry.given().contentType(TestBlob.OCTET_STREAM).body(blob.bytes())
                .post("/v2/" + repository + "/blobs/uploads/?digest=" + blob.digest()).statusCode()).isEqualTo(201);
        assertThat(registry.given().get("/v2/" + repository + "/blobs/" + blob.digest()).asByteArray())
                .isEqualTo(blob.bytes());
    }
}
