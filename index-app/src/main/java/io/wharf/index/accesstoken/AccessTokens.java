package io.wharf.index.accesstoken;

import io.wharf.index.account.Account;
import io.wharf.index.account.Accounts;
import io.wharf.index.persistence.Rows;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code access_token} table; each token is read with its owner, an account or a robot. */
@Repository
public class AccessTokens {

    private final JdbcClient database;
    private final Accounts accounts;
    private final Robots robots;

    AccessTokens(JdbcClient database, Accounts accounts, Robots robots) {
        this.database = database;
        this.accounts = accounts;
        this.robots = robots;
    }

    public Optional<AccessToken> findBySecretHash(String secretHash) {
        return database.sql("SELECT * FROM access_token WHERE secret_hash = ?").param(secretHash)
                .query(AccessToken.ROWS).optional().map(this::withOwner);
    }

    public Optional<AccessToken> findById(long id) {
        return database.sql("SELECT * FROM access_token WHERE id = ?").param(id)
                .query(AccessToken.ROWS).optional().map(this::withOwner);
    }

    List<AccessToken> findByAccountIdOrderByCreatedAtAscIdAsc(long accountId) {
        Account owner = accounts.findById(accountId).orElse(null);
        return database.sql("SELECT * FROM access_token WHERE account_id = ? ORDER BY created_at, id").param(accountId)
                .query(AccessToken.ROWS).stream().map(token -> token.ownedBy(owner, null)).toList();
    }

    List<AccessToken> findByRobotIdOrderByCreatedAtAscIdAsc(long robotId) {
        Robot owner = robots.findById(robotId).orElse(null);
        return database.sql("SELECT * FROM access_token WHERE robot_id = ? ORDER BY created_at, id").param(robotId)
                .query(AccessToken.ROWS).stream().map(token -> token.ownedBy(null, owner)).toList();
    }

    private AccessToken withOwner(AccessToken token) {
        return token.accountId() != null
                ? token.ownedBy(accounts.findById(token.accountId()).orElseThrow(), null)
                : token.ownedBy(null, robots.findById(token.robotId()).orElseThrow());
    }

    AccessToken save(AccessToken token) {
        long id = Rows.insert(database.sql("""
                        INSERT INTO access_token (account_id, robot_id, name, secret_hash, scope, expires_at, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(token.accountId(), token.robotId(), token.name(), token.secretHash(), token.scope().name(),
                        Rows.timestamp(token.expiresAt().orElse(null)), Rows.timestamp(token.createdAt())));
        return token.inserted(id);
    }

    /** Records a use of the token at {@code when}, writing only when the recorded time moves. */
    public void markUsed(AccessToken token, Instant when) {
        if (token.markUsed(when)) {
            database.sql("UPDATE access_token SET last_used_at = ? WHERE id = ?")
                    .params(Rows.timestamp(token.lastUsedAt().orElseThrow()), token.id()).update();
        }
    }

    void delete(AccessToken token) {
        database.sql("DELETE FROM access_token WHERE id = ?").param(token.id()).update();
    }
}
