package io.wharf.registry;

import io.wharf.contract.files.OwnerOnly;
import io.wharf.contract.h2.EmbeddedH2Housekeeping;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
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

    /**
     * An embedded H2 file, written at every commit, is compacted and synced at intervals instead of by H2's own
     * background writer, which {@code WRITE_DELAY=0} turns off.
     */
    @Bean(destroyMethod = "close")
    AutoCloseable embeddedH2Housekeeping(DataSource dataSource, @Value("${spring.datasource.url:}") String jdbcUrl,
            @Value("${wharf.h2.housekeeping-interval}") Duration interval) {
        return EmbeddedH2Housekeeping.startIfApplies(jdbcUrl, dataSource, interval);
    }
}
