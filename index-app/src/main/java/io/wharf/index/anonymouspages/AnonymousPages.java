package io.wharf.index.anonymouspages;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

/**
 * The {@link AnonymousPageCache}, after Spring Security's filter chain (order -100), set by
 * {@code wharf.index.anonymous-pages.*}; a time to live of zero turns it off.
 */
@Configuration(proxyBeanMethods = false)
class AnonymousPages {

    @Bean
    AnonymousPageCache anonymousPageCache(@Value("${wharf.index.anonymous-pages.ttl}") Duration timeToLive,
            @Value("${wharf.index.anonymous-pages.max-bytes}") DataSize maximumBytes) {
        return new AnonymousPageCache(timeToLive, maximumBytes);
    }

    @Bean
    FilterRegistrationBean<AnonymousPageCache> anonymousPageCacheRegistration(AnonymousPageCache cache,
            @Value("${wharf.index.anonymous-pages.ttl}") Duration timeToLive) {
        FilterRegistrationBean<AnonymousPageCache> registration = new FilterRegistrationBean<>(cache);
        registration.setOrder(Ordered.LOWEST_PRECEDENCE);
        registration.setEnabled(!timeToLive.isZero());
        return registration;
    }
}
