package io.wharf.index.accesstoken;

import io.wharf.index.persistence.Rows;
import java.time.Instant;
import org.springframework.jdbc.core.RowMapper;

/**
 * A robot account of a namespace, for CI and other machines: it has no password, signs in with its own
 * access tokens as {@code <namespace>+<name>}, and may only do what its permissions grant.
 */
public class Robot {

    /** Separates namespace and robot name; a character user names cannot contain. */
    public static final String SEPARATOR = "+";

    static final RowMapper<Robot> ROWS = (row, number) -> new Robot(row.getLong("id"), row.getString("namespace"),
            row.getString("name"), row.getString("description"), Rows.instant(row, "created_at"));

    private Long id;
    private String namespace;
    private String name;
    private String description;
    private Instant createdAt;

    private Robot(long id, String namespace, String name, String description, Instant createdAt) {
        this(namespace, name, description, createdAt);
        this.id = id;
    }

    public Robot(String namespace, String name, String description, Instant createdAt) {
        this.namespace = namespace;
        this.name = name;
        this.description = description;
        this.createdAt = createdAt;
    }

    /** This new robot, as inserted with the {@code id} the database gave it. */
    Robot inserted(long id) {
        this.id = id;
        return this;
    }

    public long id() {
        return id;
    }

    public String namespace() {
        return namespace;
    }

    String name() {
        return name;
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
