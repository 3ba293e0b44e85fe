package io.wharf.registry.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** A fully open registry, for when token authentication is switched off. */
@Component
@ConditionalOnProperty(name = "wharf.registry.auth.enabled", havingValue = "false", matchIfMissing = true)
class OpenAccess implements AccessGuard {

    @Override
    public void check(HttpServletRequest request, List<RequiredAccess> required) {
    }

    @Override
    public boolean permits(HttpServletRequest request, RequiredAccess access) {
        return true;
    }
}
