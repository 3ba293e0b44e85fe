package io.wharf.registry.clients;

import io.wharf.registry.api.support.RegistryApiTest;

/**
 * The registry on a random loopback port of this JVM, for tests that drive real clients against it. It adds no
 * configuration to {@link RegistryApiTest}, so these tests share the protocol tests' application context (one
 * registry, one fresh data folder); each works in repositories of its own.
 */
public abstract class RegistryClientTestBase extends RegistryApiTest {

    /** {@code 127.0.0.1:<port>}, the registry host as image references name it. */
    protected String registry() {
        return "127.0.0.1:" + port();
    }
}
