package io.wharf.index.accesstoken;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A robot account of a namespace, for CI and other machines: it has no password, signs in with its own
 * access tokens as {@code <namespace>+<name>}, and may only do what its permissions grant.
 */
@Entity
@Table(name = "robot")
public class Robot {

    /** Separates namespace and robot name; a character user names cannot contain. */
    public static final String SEPARATOR = "+";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, updatable = false)
    private String namespace;

    @Column(nullable = false, updatable = false)
    private String name;

    @Column(nullable = false)
    private String description;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected Robot() {
    }

    public Robot(String namespace, String name, String description, Instant createdAt) {
        this.namespace = namespace;
        this.name = name;
        this.description = description;
        this.createdAt = createdAt;
    }

    public long id() {
        return id;
    }

    public String namespace() {
        return namespace;
    }

    public String fullName() {
        return namespace + SEPARATOR + name;
    }

    public String description() {
        return description;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
