package io.wharf.index.ui.repository;

import io.wharf.web.markdown.MarkdownRenderer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class RepositoryPagesConfiguration {

    /** Renders full descriptions; stateless and thread-safe, so one for all requests. */
    @Bean
    MarkdownRenderer markdownRenderer() {
        return new MarkdownRenderer();
    }
}
