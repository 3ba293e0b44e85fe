package io.wharf.index.refreshtoken;

import io.wharf.index.requester.CredentialSource;
import io.wharf.index.requester.LastUse;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An OAuth2 refresh token (what {@code docker login} stores as its "identity token"). It never expires
 * and is never rotated, because the Docker daemon keeps using the first one it got; it ends when the
 * credential that created it ends.
 */
@Entity
@Table(name = "refresh_token")
public class RefreshToken {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "secret_hash", nullable = false, updatable = false)
    private String secretHash;

    /** Set when it was made from the account's password. */
    @Column(name = "account_id", updatable = false)
    private Long accountId;

    /** Set when it was made from an access token. */
    @Column(name = "access_token_id", updatable = false)
    private Long accessTokenId;

    @Column(name = "client_id", nullable = false, updatable = false)
    private String clientId;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected RefreshToken() {
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

    public CredentialSource source() {
        return accountId != null
                ? new CredentialSource.Password(accountId)
                : new CredentialSource.AccessTokenSecret(accessTokenId);
    }

    public void markUsed(Instant when) {
        this.lastUsedAt = LastUse.recorded(lastUsedAt, when);
    }
}
