package io.wharf.index;

import io.wharf.contract.files.OwnerOnly;
import io.wharf.contract.h2.EmbeddedH2Housekeeping;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

@SpringBootApplication
@ConfigurationPropertiesScan
public class IndexApplication {

    public static void main(String[] args) {
        // Webhook deliveries to http URLs connect to the address they checked and name the host in Host, which the
        // JDK's HttpClient allows only with this property, read once before its first request.
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
        SpringApplication.run(IndexApplication.class, args);
    }

    /**
     * One clock for expiry, throttling and token times. It ticks in microseconds, the finest time both H2
     * and PostgreSQL store, so that a timestamp reads back as it was written.
     */
    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    /**
     * Creates the data directory and the index's folder in it owner-only before any bean exists (the H2 database
     * would create them with the umask's modes): the password hashes and the signing key inside are then private.
     */
    @Bean
    static BeanFactoryPostProcessor privateDataDirectory(Environment environment) {
        return beanFactory -> OwnerOnly.createServiceFolder(environment.getProperty("wharf.data-dir"), "index");
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
