package io.wharf.index.accesstoken;

import io.wharf.index.account.Account;
import io.wharf.index.requester.LastUse;
import io.wharf.index.persistence.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.springframework.jdbc.core.RowMapper;
import java.util.Optional;

/** A personal access token of an account, or a token of a robot; usable wherever a password is. */
public class AccessToken {

    /** Reads a token without its owner, which {@link AccessTokens} adds. */
    static final RowMapper<AccessToken> ROWS = AccessToken::read;

    private Long id;
    private Long accountId;
    private Long robotId;
    private Account account;
    private Robot robot;
    private String name;
    private String secretHash;
    private AccessTokenScope scope;
    private Instant expiresAt;
    private Instant lastUsedAt;
    private Instant createdAt;

    private AccessToken(Account account, Robot robot, String name, String secretHash, AccessTokenScope scope,
            Instant expiresAt, Instant createdAt) {
        this.account = account;
        this.robot = robot;
        this.accountId = account == null ? null : account.id();
        this.robotId = robot == null ? null : robot.id();
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

    private static AccessToken read(ResultSet row, int number) throws SQLException {
        AccessToken token = new AccessToken(null, null, row.getString("name"), row.getString("secret_hash"),
                AccessTokenScope.valueOf(row.getString("scope")), Rows.instant(row, "expires_at"),
                Rows.instant(row, "created_at"));
        token.id = row.getLong("id");
        token.accountId = Rows.nullableLong(row, "account_id");
        token.robotId = Rows.nullableLong(row, "robot_id");
        token.lastUsedAt = Rows.instant(row, "last_used_at");
        return token;
    }

    /** The token with its owner, as read by {@link AccessTokens}. */
    AccessToken ownedBy(Account owningAccount, Robot owningRobot) {
        this.account = owningAccount;
        this.robot = owningRobot;
        return this;
    }

    Long accountId() {
        return accountId;
    }

    Long robotId() {
        return robotId;
    }

    String secretHash() {
        return secretHash;
    }

    /** This new token, as inserted with the {@code id} the database gave it. */
    AccessToken inserted(long id) {
        this.id = id;
        return this;
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

    /** Records a use at {@code when}; whether the recorded time changed (it is kept a while, see {@link LastUse}). */
    boolean markUsed(Instant when) {
        Instant before = lastUsedAt;
        this.lastUsedAt = LastUse.recorded(lastUsedAt, when);
        return !lastUsedAt.equals(before);
    }
}
