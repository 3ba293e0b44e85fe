package io.wharf.index.account;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * The address of the index as people open it, for links in mails: {@code wharf.index.web.public-url},
 * or {@code http://127.0.0.1:<port>} on the embedded default. Never taken from a request's Host header,
 * which a client chooses (a password reset link must not point elsewhere).
 */
@Component
public class PublicUrl implements ApplicationListener<WebServerInitializedEvent> {

    private volatile String base;

    public PublicUrl(WebAccountProperties properties) {
        String configured = properties.publicUrl();
        this.base = configured == null || configured.isBlank() ? null : configured.replaceAll("/+$", "");
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (base == null && event.getApplicationContext().getServerNamespace() == null) {
            base = "http://127.0.0.1:" + event.getWebServer().getPort();
        }
    }

    /** The absolute URL of {@code pathAndQuery}, which starts with a slash. */
    public String of(String pathAndQuery) {
        if (base == null) {
            throw new IllegalStateException("the web server has not started yet and wharf.index.web.public-url is not set");
        }
        return base + pathAndQuery;
    }
}
