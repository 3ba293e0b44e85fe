package io.wharf.index.namespace;

/** A name that a user or an organization holds; repositories are created below it. */
public record Namespace(String name, NamespaceKind kind) {
}
