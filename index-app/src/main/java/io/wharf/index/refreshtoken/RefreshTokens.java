package io.wharf.index.refreshtoken;

import io.wharf.index.persistence.Rows;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code refresh_token} table. */
@Repository
public class RefreshTokens {

    private final JdbcClient database;

    RefreshTokens(JdbcClient database) {
        this.database = database;
    }

    public Optional<RefreshToken> findBySecretHash(String secretHash) {
        return database.sql("SELECT * FROM refresh_token WHERE secret_hash = ?").param(secretHash)
                .query(RefreshToken.ROWS).optional();
    }

    public void save(RefreshToken token) {
        database.sql("""
                        INSERT INTO refresh_token (secret_hash, account_id, access_token_id, client_id, created_at)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(token.secretHash(), token.accountId(), token.accessTokenId(), token.clientId(),
                        Rows.timestamp(token.createdAt()))
                .update();
    }

    /** Records a use of the token at {@code when}, writing only when the recorded time moves. */
    public void markUsed(RefreshToken token, Instant when) {
        if (token.markUsed(when)) {
            database.sql("UPDATE refresh_token SET last_used_at = ? WHERE id = ?")
                    .params(Rows.timestamp(token.lastUsedAt()), token.id()).update();
        }
    }

    public int deleteMadeFromPassword(long accountId) {
        return database.sql("DELETE FROM refresh_token WHERE account_id = ?").param(accountId).update();
    }

    public int deleteMadeFromAccessToken(long accessTokenId) {
        return database.sql("DELETE FROM refresh_token WHERE access_token_id = ?").param(accessTokenId).update();
    }
}
