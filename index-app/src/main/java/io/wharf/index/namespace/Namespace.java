package io.wharf.index.namespace;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A name that a user or an organization holds; repositories are created below it. */
@Entity
@Table(name = "namespace")
public class Namespace {

    @Id
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private NamespaceKind kind;

    protected Namespace() {
    }

    public Namespace(String name, NamespaceKind kind) {
        this.name = name;
        this.kind = kind;
    }

    public String name() {
        return name;
    }

    public NamespaceKind kind() {
        return kind;
    }
}
