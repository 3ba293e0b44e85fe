package io.wharf.registry;

import io.wharf.contract.files.OwnerOnly;
import java.time.Clock;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class RegistryConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Creates the data directory and the registry's folder in it owner-only before any bean exists (the H2 database
     * would create them with the umask's modes): the database and the stored images inside are then private.
     */
    @Bean
    static BeanFactoryPostProcessor privateDataDirectory(Environment environment) {
        return beanFactory -> OwnerOnly.createServiceFolder(environment.getProperty("wharf.data-dir"), "registry");
    }
}
