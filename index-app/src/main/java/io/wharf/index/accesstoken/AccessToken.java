package io.wharf.index.accesstoken;

import io.wharf.index.account.Account;
import io.wharf.index.requester.LastUse;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** A personal access token of an account, or a token of a robot; usable wherever a password is. */
@Entity
@Table(name = "access_token")
public class AccessToken {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "account_id", updatable = false)
    private Account account;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "robot_id", updatable = false)
    private Robot robot;

    @Column(nullable = false, updatable = false)
    private String name;

    @Column(name = "secret_hash", nullable = false, updatable = false)
    private String secretHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private AccessTokenScope scope;

    @Column(name = "expires_at", updatable = false)
    private Instant expiresAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected AccessToken() {
    }

    private AccessToken(Account account, Robot robot, String name, String secretHash, AccessTokenScope scope,
            Instant expiresAt, Instant createdAt) {
        this.account = account;
        this.robot = robot;
        this.name = name;
        this.secretHash = secretHash;
        this.scope = scope;
        this.expiresAt = expiresAt;
        this.createdAt = createdAt;
    }

    public static AccessToken ofAccount(Account account, String name, String secretHash, AccessTokenScope scope,
            Instant expiresAt, Instant createdAt) {
        return new AccessToken(account, null, name, secretHash, scope, expiresAt, createdAt);
    }

    public static AccessToken ofRobot(Robot robot, String name, String secretHash, AccessTokenScope scope,
            Instant expiresAt, Instant createdAt) {
        return new AccessToken(null, robot, name, secretHash, scope, expiresAt, createdAt);
    }

    public long id() {
        return id;
    }

    /** The owning account, or empty for a robot's token. */
    public Optional<Account> account() {
        return Optional.ofNullable(account);
    }

    /** The owning robot, or empty for an account's token. */
    public Optional<Robot> robot() {
        return Optional.ofNullable(robot);
    }

    /** The name the owner signs in with: the username or the robot's full name. */
    public String ownerName() {
        return account != null ? account.username() : robot.fullName();
    }

    public String name() {
        return name;
    }

    public AccessTokenScope scope() {
        return scope;
    }

    public boolean readOnly() {
        return scope == AccessTokenScope.READ_ONLY;
    }

    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    public Optional<Instant> lastUsedAt() {
        return Optional.ofNullable(lastUsedAt);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public void markUsed(Instant when) {
        this.lastUsedAt = LastUse.recorded(lastUsedAt, when);
    }
}
