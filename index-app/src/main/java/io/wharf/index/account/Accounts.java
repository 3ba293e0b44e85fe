package io.wharf.index.account;

import io.wharf.index.persistence.Rows;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code account} table. A changed {@link Account} is written by the method that names what changed: nothing is
 * saved by itself.
 */
@Repository
public class Accounts {

    private final JdbcClient database;

    Accounts(JdbcClient database) {
        this.database = database;
    }

    public Optional<Account> findById(long id) {
        return database.sql("SELECT * FROM account WHERE id = ?").param(id).query(Account.ROWS).optional();
    }

    public Optional<Account> findByUsername(String username) {
        return database.sql("SELECT * FROM account WHERE username = ?").param(username).query(Account.ROWS).optional();
    }

    public Optional<Account> findByEmail(String email) {
        return database.sql("SELECT * FROM account WHERE email = ?").param(email).query(Account.ROWS).optional();
    }

    public boolean existsByEmail(String email) {
        return findByEmail(email).isPresent();
    }

    public boolean existsByAdministratorTrue() {
        return count("SELECT COUNT(*) FROM account WHERE administrator = TRUE") > 0;
    }

    public List<Account> findAllByOrderByUsername() {
        return database.sql("SELECT * FROM account ORDER BY username").query(Account.ROWS).list();
    }

    public long count() {
        return count("SELECT COUNT(*) FROM account");
    }

    private long count(String query) {
        return database.sql(query).query(Long.class).single();
    }

    /** Inserts a new account; a name or address taken meanwhile fails on the table's unique constraints. */
    public Account save(Account account) {
        long id = Rows.insert(database.sql("""
                        INSERT INTO account (username, email, password_hash, email_confirmed, administrator, locked,
                            created_at, session_generation)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(account.username(), account.email(), account.passwordHash(), account.emailConfirmed(),
                        account.administrator(), account.locked(), Rows.timestamp(account.createdAt()),
                        account.sessionGeneration()));
        return account.inserted(id);
    }

    /** Writes the account's flags: locked, administrator, email confirmed. */
    void saveFlags(Account account) {
        database.sql("UPDATE account SET locked = ?, administrator = ?, email_confirmed = ? WHERE id = ?")
                .params(account.locked(), account.administrator(), account.emailConfirmed(), account.id()).update();
    }

    void savePasswordHash(Account account) {
        database.sql("UPDATE account SET password_hash = ? WHERE id = ?")
                .params(account.passwordHash(), account.id()).update();
    }

    /** Writes the address and whether it is confirmed; an address taken meanwhile fails on its unique constraint. */
    void saveEmail(Account account) {
        database.sql("UPDATE account SET email = ?, email_confirmed = ? WHERE id = ?")
                .params(account.email(), account.emailConfirmed(), account.id()).update();
    }

    /** Ends every web session of the account (see {@code security.WebSessionUsers}), counting up in the database. */
    public void endAllSessions(Account account) {
        account.endAllSessions();
        database.sql("UPDATE account SET session_generation = session_generation + 1 WHERE id = ?")
                .param(account.id()).update();
    }
}
