package io.wharf.registry.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Tomcat's per-connection socket read buffer. Tomcat reads a request body from the socket at most this much per
 * system call (its default, 8 KiB, makes a 256 MiB layer 32 768 reads and copies); a larger one lets blob pushes run
 * nearer the speed of digesting and writing. Tomcat holds about twice this much memory (off the heap) per open
 * connection.
 */
@Component
public class TomcatSocketBuffers implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final Properties properties;

    public TomcatSocketBuffers(Properties properties) {
        this.properties = properties;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> {
            connector.setProperty("socket.appReadBufSize", Long.toString(properties.readBuffer().toBytes()));
            // Off-heap: the socket is read straight into it, not through a temporary direct buffer and a copy.
            connector.setProperty("socket.directBuffer", "true");
        });
    }

    /** @param readBuffer Tomcat's socket read buffer per connection ({@code socket.appReadBufSize}) */
    @ConfigurationProperties("wharf.registry.http")
    public record Properties(@DefaultValue("32KB") DataSize readBuffer) {
    }
}
