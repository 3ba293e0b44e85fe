package io.wharf.index.account;

import io.wharf.index.persistence.Rows;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code mail_token} table. */
@Repository
public class MailTokens {

    private final JdbcClient database;

    MailTokens(JdbcClient database) {
        this.database = database;
    }

    Optional<MailToken> findBySecretHashAndPurpose(String secretHash, MailTokenPurpose purpose) {
        return database.sql("SELECT * FROM mail_token WHERE secret_hash = ? AND purpose = ?")
                .params(secretHash, purpose.name()).query(MailToken.ROWS).optional();
    }

    boolean existsByAccountIdAndPurposeAndCreatedAtAfter(long accountId, MailTokenPurpose purpose, Instant after) {
        return database.sql("SELECT COUNT(*) FROM mail_token WHERE account_id = ? AND purpose = ? AND created_at > ?")
                .params(accountId, purpose.name(), Rows.timestamp(after)).query(Long.class).single() > 0;
    }

    void save(MailToken token) {
        database.sql("""
                        INSERT INTO mail_token (account_id, purpose, secret_hash, email, created_at, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(token.accountId(), token.purpose().name(), token.secretHash(), token.email(),
                        Rows.timestamp(token.createdAt()), Rows.timestamp(token.expiresAt()))
                .update();
    }

    void deleteByAccountAndPurpose(long accountId, MailTokenPurpose purpose) {
        database.sql("DELETE FROM mail_token WHERE account_id = ? AND purpose = ?")
                .params(accountId, purpose.name()).update();
    }

    int deleteExpired(Instant now) {
        return database.sql("DELETE FROM mail_token WHERE expires_at <= ?").param(Rows.timestamp(now)).update();
    }
}
