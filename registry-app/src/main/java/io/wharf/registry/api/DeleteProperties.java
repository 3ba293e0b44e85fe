package io.wharf.registry.api;

import io.wharf.registry.error.ErrorCode;
import io.wharf.registry.error.RegistryException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Whether content may be deleted (defaults in application.yml).
 *
 * @param enabled off: every DELETE (tag, manifest, blob, repository) answers 405 UNSUPPORTED, as the spec says
 */
@ConfigurationProperties("wharf.registry.delete")
record DeleteProperties(@DefaultValue("true") boolean enabled) {

    void requireEnabled() {
        if (!enabled) {
            throw new RegistryException(ErrorCode.UNSUPPORTED, "deletion is disabled on this registry");
        }
    }
}
