package io.wharf.registry.auth;

import io.wharf.contract.name.RepositoryName;

/** One action a request needs on one resource, in the terms of Docker token scopes. */
public record RequiredAccess(String resourceType, String resourceName, String action) {

    public static RequiredAccess pull(RepositoryName name) {
        return new RequiredAccess("repository", name.value(), "pull");
    }

    public static RequiredAccess push(RepositoryName name) {
        return new RequiredAccess("repository", name.value(), "push");
    }

    public static RequiredAccess delete(RepositoryName name) {
        return new RequiredAccess("repository", name.value(), "delete");
    }

    public static RequiredAccess catalog() {
        return new RequiredAccess("registry", "catalog", "*");
    }
}
