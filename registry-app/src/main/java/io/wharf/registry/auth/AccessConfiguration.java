package io.wharf.registry.auth;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AccessConfiguration {

    /**
     * Token authentication or none, chosen when the registry starts rather than by a bean condition: the registry's
     * bean definitions are fixed when it is built (Spring AOT), while {@code wharf.registry.auth.enabled} is read at
     * every start.
     */
    @Bean
    AccessGuard accessGuard(AuthProperties properties) {
        return properties.enabled() ? new TokenAccessGuard(properties) : new OpenAccess();
    }
}
