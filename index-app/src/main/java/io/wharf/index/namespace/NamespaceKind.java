package io.wharf.index.namespace;

public enum NamespaceKind {
    USER,
    ORGANIZATION
}
