package io.wharf.index.account;

import io.wharf.index.persistence.Rows;
import java.time.Instant;
import org.springframework.jdbc.core.RowMapper;

/**
 * A single-use link sent by mail (see {@link MailTokenPurpose}). Only the SHA-256 of its random secret is
 * stored; {@code email} is the address it was sent to.
 */
public record MailToken(long accountId, MailTokenPurpose purpose, String secretHash, String email, Instant createdAt,
        Instant expiresAt) {

    static final RowMapper<MailToken> ROWS = (row, number) -> new MailToken(row.getLong("account_id"),
            MailTokenPurpose.valueOf(row.getString("purpose")), row.getString("secret_hash"), row.getString("email"),
            Rows.instant(row, "created_at"), Rows.instant(row, "expires_at"));

    boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
