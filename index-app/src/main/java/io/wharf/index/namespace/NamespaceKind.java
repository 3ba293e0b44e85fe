package io.wharf.index.namespace;

public enum NamespaceKind {
    USER,
    ORGANIZATION,
    /** A pull-through cache's: its repositories hold what the registry fetched from the cache's upstream. */
    PROXY
}
