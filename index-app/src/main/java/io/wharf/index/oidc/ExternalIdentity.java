package io.wharf.index.oidc;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An account's identity at an OpenID Connect provider: the provider's issuer and its {@code sub} for the person. */
@Entity
@Table(name = "external_identity")
public class ExternalIdentity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "account_id", nullable = false, updatable = false)
    private long accountId;

    @Column(nullable = false, updatable = false)
    private String issuer;

    @Column(nullable = false, updatable = false)
    private String subject;

    @Column(name = "linked_at", nullable = false, updatable = false)
    private Instant linkedAt;

    @Column(name = "last_sign_in_at", nullable = false)
    private Instant lastSignInAt;

    protected ExternalIdentity() {
    }

    ExternalIdentity(long accountId, String issuer, String subject, Instant linkedAt) {
        this.accountId = accountId;
        this.issuer = issuer;
        this.subject = subject;
        this.linkedAt = linkedAt;
        this.lastSignInAt = linkedAt;
    }

    public long accountId() {
        return accountId;
    }

    void signedIn(Instant at) {
        this.lastSignInAt = at;
    }
}
