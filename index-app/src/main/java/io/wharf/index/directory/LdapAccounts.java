package io.wharf.index.directory;

import io.wharf.index.persistence.Rows;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code ldap_account} table. */
@Repository
public class LdapAccounts {

    private final JdbcClient database;

    LdapAccounts(JdbcClient database) {
        this.database = database;
    }

    Optional<LdapAccount> findById(long accountId) {
        return database.sql("SELECT account_id, checked_at FROM ldap_account WHERE account_id = ?").param(accountId)
                .query((row, number) -> new LdapAccount(row.getLong("account_id"), Rows.instant(row, "checked_at")))
                .optional();
    }

    boolean existsById(long accountId) {
        return findById(accountId).isPresent();
    }

    void save(LdapAccount account) {
        database.sql("INSERT INTO ldap_account (account_id, checked_at) VALUES (?, ?)")
                .params(account.accountId(), Rows.timestamp(account.checkedAt())).update();
    }

    /** The directory confirmed the account at {@code at}. */
    void checked(long accountId, Instant at) {
        database.sql("UPDATE ldap_account SET checked_at = ? WHERE account_id = ?")
                .params(Rows.timestamp(at), accountId).update();
    }
}
