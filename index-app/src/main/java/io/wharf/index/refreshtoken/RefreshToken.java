package io.wharf.index.refreshtoken;

import io.wharf.index.requester.CredentialSource;
import io.wharf.index.requester.LastUse;
import io.wharf.index.persistence.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.springframework.jdbc.core.RowMapper;

/**
 * An OAuth2 refresh token (what {@code docker login} stores as its "identity token"). It never expires
 * and is never rotated, because the Docker daemon keeps using the first one it got; it ends when the
 * credential that created it ends.
 */
public class RefreshToken {

    static final RowMapper<RefreshToken> ROWS = RefreshToken::read;

    private Long id;
    private String secretHash;

    /** Set when it was made from the account's password. */
    private Long accountId;

    /** Set when it was made from an access token. */
    private Long accessTokenId;
    private String clientId;
    private Instant lastUsedAt;
    private Instant createdAt;

    private RefreshToken() {
    }

    public RefreshToken(String secretHash, CredentialSource source, String clientId, Instant createdAt) {
        this.secretHash = secretHash;
        if (source instanceof CredentialSource.Password password) {
            this.accountId = password.accountId();
        } else {
            this.accessTokenId = ((CredentialSource.AccessTokenSecret) source).accessTokenId();
        }
        this.clientId = clientId;
        this.createdAt = createdAt;
    }

    private static RefreshToken read(ResultSet row, int number) throws SQLException {
        RefreshToken token = new RefreshToken();
        token.id = row.getLong("id");
        token.secretHash = row.getString("secret_hash");
        token.accountId = Rows.nullableLong(row, "account_id");
        token.accessTokenId = Rows.nullableLong(row, "access_token_id");
        token.clientId = row.getString("client_id");
        token.lastUsedAt = Rows.instant(row, "last_used_at");
        token.createdAt = Rows.instant(row, "created_at");
        return token;
    }

    long id() {
        return id;
    }

    String secretHash() {
        return secretHash;
    }

    Long accountId() {
        return accountId;
    }

    Long accessTokenId() {
        return accessTokenId;
    }

    String clientId() {
        return clientId;
    }

    Instant lastUsedAt() {
        return lastUsedAt;
    }

    Instant createdAt() {
        return createdAt;
    }

    public CredentialSource source() {
        return accountId != null
                ? new CredentialSource.Password(accountId)
                : new CredentialSource.AccessTokenSecret(accessTokenId);
    }

    /** Records a use at {@code when}; whether the recorded time changed (it is kept a while, see {@link LastUse}). */
    boolean markUsed(Instant when) {
        Instant before = lastUsedAt;
        this.lastUsedAt = LastUse.recorded(lastUsedAt, when);
        return !lastUsedAt.equals(before);
    }
}
