package io.wharf.index.audit;

import io.wharf.index.requester.Requester;
import java.util.Objects;

/**
 * Who made a change, as the audit log names them: a user's name, a robot's full name ({@code <namespace>+<robot>}),
 * {@code anonymous} for a client that did not sign in (a sign-up, a password reset by a mailed link),
 * {@code system} for the index itself (the bootstrap administrator, scheduled work), or a named machine such as
 * {@code proxy:<upstream>}.
 */
public record AuditActor(String name) {

    public static final AuditActor SYSTEM = new AuditActor("system");
    public static final AuditActor ANONYMOUS = new AuditActor("anonymous");

    /** The width of the column: longer names are cut. */
    static final int MAX_LENGTH = 255;

    public AuditActor {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an audit actor needs a name");
        }
        name = name.length() > MAX_LENGTH ? name.substring(0, MAX_LENGTH) : name;
    }

    /** The signed-in user or robot, or {@link #ANONYMOUS}. */
    public static AuditActor of(Requester requester) {
        return requester instanceof Requester.Anonymous ? ANONYMOUS : new AuditActor(requester.name());
    }

    /** The pull-through cache acting for an upstream registry. */
    public static AuditActor proxy(String upstream) {
        return new AuditActor("proxy:" + upstream);
    }
}
