package io.wharf.index.role;

import io.wharf.contract.auth.AccessEntry;

/** What a registry client may do with a repository, as named in token scopes. */
public enum RepositoryAction {
    PULL(AccessEntry.PULL),
    PUSH(AccessEntry.PUSH),
    DELETE(AccessEntry.DELETE);

    private final String scopeName;

    RepositoryAction(String scopeName) {
        this.scopeName = scopeName;
    }

    public String scopeName() {
        return scopeName;
    }
}
