package io.wharf.registry.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/** A fully open registry, for when token authentication is switched off. */
class OpenAccess implements AccessGuard {

    @Override
    public void check(HttpServletRequest request, List<RequiredAccess> required) {
    }

    @Override
    public boolean permits(HttpServletRequest request, RequiredAccess access) {
        return true;
    }
}
