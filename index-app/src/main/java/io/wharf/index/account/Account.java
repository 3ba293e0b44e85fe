package io.wharf.index.account;

import io.wharf.index.persistence.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.springframework.jdbc.core.RowMapper;

/** A user: holds the namespace named after it and signs in with a password or access tokens. */
public class Account {

    static final RowMapper<Account> ROWS = Account::read;

    private Long id;
    private String username;
    private String email;
    private String passwordHash;
    private boolean emailConfirmed;
    private boolean administrator;
    private boolean locked;
    private Instant createdAt;

    /** Raised to end every web session of the account (see {@code security.WebSessionUsers}). */
    private int sessionGeneration;

    private Account(long id, String username, String email, String passwordHash, boolean emailConfirmed,
            boolean administrator, boolean locked, Instant createdAt, int sessionGeneration) {
        this(username, email, passwordHash, administrator, emailConfirmed, createdAt);
        this.id = id;
        this.locked = locked;
        this.sessionGeneration = sessionGeneration;
    }

    private static Account read(ResultSet row, int number) throws SQLException {
        return new Account(row.getLong("id"), row.getString("username"), row.getString("email"),
                row.getString("password_hash"), row.getBoolean("email_confirmed"), row.getBoolean("administrator"),
                row.getBoolean("locked"), Rows.instant(row, "created_at"), row.getInt("session_generation"));
    }

    public Account(String username, String email, String passwordHash, boolean administrator,
            boolean emailConfirmed, Instant createdAt) {
        this.username = username;
        this.email = email;
        this.passwordHash = passwordHash;
        this.administrator = administrator;
        this.emailConfirmed = emailConfirmed;
        this.createdAt = createdAt;
    }

    /** This new account, as inserted with the {@code id} the database gave it. */
    Account inserted(long id) {
        this.id = id;
        return this;
    }

    public long id() {
        return id;
    }

    public String username() {
        return username;
    }

    public String email() {
        return email;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public boolean emailConfirmed() {
        return emailConfirmed;
    }

    public boolean administrator() {
        return administrator;
    }

    public boolean locked() {
        return locked;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public void changePasswordHash(String newPasswordHash) {
        this.passwordHash = newPasswordHash;
    }

    public void changeEmail(String newEmail) {
        this.email = newEmail;
    }

    public void setEmailConfirmed(boolean emailConfirmed) {
        this.emailConfirmed = emailConfirmed;
    }

    public void setAdministrator(boolean administrator) {
        this.administrator = administrator;
    }

    public void setLocked(boolean locked) {
        this.locked = locked;
    }

    public int sessionGeneration() {
        return sessionGeneration;
    }

    void endAllSessions() {
        sessionGeneration++;
    }
}
