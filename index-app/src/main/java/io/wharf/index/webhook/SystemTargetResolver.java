package io.wharf.index.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The JDK's resolver (its cache included), unless a test brings its own {@link TargetResolver}. */
@Configuration(proxyBeanMethods = false)
class SystemTargetResolver {

    @Bean
    @ConditionalOnMissingBean
    TargetResolver targetResolver() {
        return host -> List.of(resolveAll(host));
    }

    private static InetAddress[] resolveAll(String host) throws UnknownHostException {
        return InetAddress.getAllByName(host);
    }
}
