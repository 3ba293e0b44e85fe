package io.wharf.index.audit;

import io.wharf.index.requester.ClientAddresses;
import io.wharf.index.requester.Requester;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Records a change of rights or settings in the audit log ({@code audit_entry}). Call it inside the transaction
 * that makes the change, so that the entry exists exactly when the change does.
 *
 * <p>The client address is the current HTTP request's, as {@link ClientAddresses} reads it behind trusted proxies;
 * outside a request (scheduled work, start-up) there is none.
 *
 * <p><b>Secrets never go in.</b> {@code before} and {@code after} hold only the non-secret fields that changed,
 * as small flat maps: the visibility, a role, a flag, a token's name and scopes, never a password, a token's value,
 * a hash or a webhook's secret. A key that names a secret ({@code password}, {@code secret}, {@code hash},
 * {@code credential}, or is just {@code token} or {@code value}) is refused with an {@link IllegalArgumentException}, and so is any value
 * other than {@code null}, a string, a number, a boolean, an enum or a collection of those. Strings are cut to
 * {@value AuditValues#MAX_STRING_LENGTH} characters and collections to {@value AuditValues#MAX_COLLECTION_SIZE}
 * items; pass a long text's length rather than the text.
 */
@Component
public class AuditTrail {

    /** Lowercase dotted words, the first naming the kind of thing: {@code account.password-changed}. */
    private static final Pattern ACTION = Pattern.compile("[a-z]+(-[a-z]+)*(\\.[a-z]+(-[a-z]+)*)+");
    static final int MAX_ACTION_LENGTH = 100;
    private static final int MAX_ADDRESS_LENGTH = 64;

    private final JdbcClient database;
    private final AuditValues values;
    private final ClientAddresses clientAddresses;
    private final Clock clock;

    public AuditTrail(JdbcClient database, AuditValues values, ClientAddresses clientAddresses, Clock clock) {
        this.database = database;
        this.values = values;
        this.clientAddresses = clientAddresses;
        this.clock = clock;
    }

    /**
     * Records that {@code actor} did {@code action} to {@code target}, changing the fields in {@code before} to
     * those in {@code after} (either may be empty: nothing before a creation, nothing after a deletion).
     *
     * @param action a stable dotted name, such as {@code account.password-changed} or
     *     {@code repository.visibility-changed}
     * @param before the non-secret fields as they were (see the class comment)
     * @param after the non-secret fields as they are now
     */
    @Transactional
    public void record(AuditActor actor, String action, AuditTarget target, Map<String, ?> before,
            Map<String, ?> after) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(target, "target");
        if (action == null || action.length() > MAX_ACTION_LENGTH || !ACTION.matcher(action).matches()) {
            throw new IllegalArgumentException("an audit action is lowercase dotted words: " + action);
        }
        database.sql("""
                        INSERT INTO audit_entry (recorded_at, actor, client_address, action, target_kind, target_name,
                            before_values, after_values) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), actor.name(), currentClientAddress(),
                        action, target.kind(), target.name(), values.json(before), values.json(after))
                .update();
    }

    /** As {@link #record(AuditActor, String, AuditTarget, Map, Map)}, by the one who made the request. */
    @Transactional
    public void record(Requester requester, String action, AuditTarget target, Map<String, ?> before,
            Map<String, ?> after) {
        record(AuditActor.of(requester), action, target, before, after);
    }

    private String currentClientAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
            String address = clientAddresses.of(request.getRequest());
            return address.length() > MAX_ADDRESS_LENGTH ? address.substring(0, MAX_ADDRESS_LENGTH) : address;
        }
        return null;
    }
}
