package io.wharf.index.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A single-use link sent by mail (see {@link MailTokenPurpose}). Only the SHA-256 of its random secret is
 * stored; {@code email} is the address it was sent to.
 */
@Entity
@Table(name = "mail_token")
public class MailToken {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "account_id", nullable = false, updatable = false)
    private long accountId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private MailTokenPurpose purpose;

    @Column(name = "secret_hash", nullable = false, updatable = false)
    private String secretHash;

    @Column(nullable = false, updatable = false)
    private String email;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private Instant expiresAt;

    protected MailToken() {
    }

    MailToken(long accountId, MailTokenPurpose purpose, String secretHash, String email, Instant createdAt,
            Instant expiresAt) {
        this.accountId = accountId;
        this.purpose = purpose;
        this.secretHash = secretHash;
        this.email = email;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    long accountId() {
        return accountId;
    }

    MailTokenPurpose purpose() {
        return purpose;
    }

    String email() {
        return email;
    }

    Instant createdAt() {
        return createdAt;
    }

    boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
