package io.wharf.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.registry.api.support.RawHttp;
import io.wharf.registry.api.support.RegistryApiTest;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Clients that keep their connections open after a request (docker keeps idle ones for 90 s) must not lock others out:
 * with every place of {@code server.tomcat.max-connections} held by an idle keep-alive connection, a new client is
 * answered within seconds, once the shipped keep-alive timeout closes one, not after Tomcat's own minute. The places
 * are few here so that the test fills them quickly; the timeout is the shipped one.
 */
@TestPropertySource(properties = "server.tomcat.max-connections=" + IdleKeepAliveConnectionsTest.PLACES)
class IdleKeepAliveConnectionsTest extends RegistryApiTest {

    static final int PLACES = 4;

    @LocalServerPort
    private int port;

    @Test
    void aNewClientIsAnsweredSoonAfterIdleClientsTookEveryPlace() throws IOException {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < PLACES; i++) {
                idle.add(RawHttp.request(port, "GET", "/v2/").sendAndKeepOpen());
            }
            long start = System.nanoTime();

            RawHttp.Response answer = RawHttp.request(port, "GET", "/v2/").send();

            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(waited).as("waited for a place").isLessThan(Duration.ofSeconds(10));
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }
}
