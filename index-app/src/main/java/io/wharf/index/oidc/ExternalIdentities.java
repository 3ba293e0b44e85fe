package io.wharf.index.oidc;

import io.wharf.index.persistence.Rows;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code external_identity} table. */
@Repository
public class ExternalIdentities {

    private static final RowMapper<ExternalIdentity> ROWS = (row, number) -> new ExternalIdentity(row.getLong("id"),
            row.getLong("account_id"), row.getString("issuer"), row.getString("subject"));

    private final JdbcClient database;

    ExternalIdentities(JdbcClient database) {
        this.database = database;
    }

    Optional<ExternalIdentity> findByIssuerAndSubject(String issuer, String subject) {
        return database.sql("SELECT * FROM external_identity WHERE issuer = ? AND subject = ?").params(issuer, subject)
                .query(ROWS).optional();
    }

    List<ExternalIdentity> findByAccountId(long accountId) {
        return database.sql("SELECT * FROM external_identity WHERE account_id = ?").param(accountId).query(ROWS).list();
    }

    /** Links the account to the person; a second link of the same person fails on {@code external_identity_once}. */
    void link(long accountId, String issuer, String subject, Instant at) {
        database.sql("""
                        INSERT INTO external_identity (account_id, issuer, subject, linked_at, last_sign_in_at)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(accountId, issuer, subject, Rows.timestamp(at), Rows.timestamp(at)).update();
    }

    void signedIn(ExternalIdentity identity, Instant at) {
        database.sql("UPDATE external_identity SET last_sign_in_at = ? WHERE id = ?")
                .params(Rows.timestamp(at), identity.id()).update();
    }
}
