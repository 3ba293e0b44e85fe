package io.wharf.index.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A user: holds the namespace named after it and signs in with a password or access tokens. */
@Entity
@Table(name = "account")
public class Account {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, updatable = false)
    private String username;

    @Column(nullable = false)
    private String email;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(name = "email_confirmed", nullable = false)
    private boolean emailConfirmed;

    @Column(nullable = false)
    private boolean administrator;

    @Column(nullable = false)
    private boolean locked;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    /** Raised to end every web session of the account (see {@code security.WebSessionUsers}). */
    @Column(name = "session_generation", nullable = false)
    private int sessionGeneration;

    protected Account() {
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

    public void endAllSessions() {
        sessionGeneration++;
    }
}
