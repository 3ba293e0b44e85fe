package io.wharf.registry.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/**
 * Decides whether a request may do what it asks. The seam where token authentication plugs in; with it
 * off, {@link OpenAccess} lets everything through.
 */
public interface AccessGuard {

    /**
     * Passes when the request may do all of {@code required} (an empty list asks only that the caller is
     * authenticated), otherwise throws a RegistryException with UNAUTHORIZED or DENIED.
     */
    void check(HttpServletRequest request, List<RequiredAccess> required);

    /** Whether the request may do {@code access}, for optional steps such as a cross-repository mount. */
    boolean permits(HttpServletRequest request, RequiredAccess access);
}
