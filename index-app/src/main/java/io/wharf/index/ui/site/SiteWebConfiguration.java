package io.wharf.index.ui.site;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;
import org.springframework.web.servlet.resource.ResourceUrlProvider;
import org.springframework.web.servlet.resource.ResourceUrlProviderExposingInterceptor;
import org.springframework.web.servlet.resource.VersionResourceResolver;

@Configuration
public class SiteWebConfiguration implements WebMvcConfigurer {

    private static final List<String> STATIC_FOLDERS = List.of("css", "images", "js");

    /**
     * Boot's filter that writes the stylesheet's and images' content-hashed names into pages, for forwarded pages too
     * (the "session expired" page is a forward from the security chain), not only requests and error pages.
     */
    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter(ResourceUrlProvider resourceUrls) {
        ResourceUrlEncodingFilter filter = new ResourceUrlEncodingFilter() {
            @Override
            public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                    throws IOException, ServletException {
                // Set on the wrapped request for every page: one that no handler matched (404) never meets the
                // handlers' interceptor that sets it.
                super.doFilter(request, response, (wrapped, wrappedResponse) -> {
                    wrapped.setAttribute(ResourceUrlProviderExposingInterceptor.RESOURCE_URL_PROVIDER_ATTR, resourceUrls);
                    chain.doFilter(wrapped, wrappedResponse);
                });
            }
        };
        FilterRegistrationBean<ResourceUrlEncodingFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.ERROR);
        return registration;
    }

    /**
     * The stylesheet, script and images, under names with a hash of their content ({@code /css/wharf-<md5>.css}), so
     * browsers may keep them for a year and still never use an old copy. Only their folders are static: under Boot's
     * {@code /**} the encoding filter looked every link a page writes up in the jar, a page of tags hundreds of times.
     */
    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        for (String folder : STATIC_FOLDERS) {
            registry.addResourceHandler("/" + folder + "/**")
                    .addResourceLocations("classpath:/static/" + folder + "/")
                    .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic())
                    .resourceChain(true)
                    .addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
        }
    }

    @Override
    public void extendHandlerExceptionResolvers(List<HandlerExceptionResolver> resolvers) {
        resolvers.add(0, new PageErrorResolver());
    }
}
