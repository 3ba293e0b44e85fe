package io.wharf.index.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An account the LDAP directory signs in, and when the directory last confirmed the user may still sign in. */
@Entity
@Table(name = "ldap_account")
public class LdapAccount {

    @Id
    @Column(name = "account_id")
    private Long accountId;

    @Column(name = "checked_at", nullable = false)
    private Instant checkedAt;

    protected LdapAccount() {
    }

    LdapAccount(long accountId, Instant checkedAt) {
        this.accountId = accountId;
        this.checkedAt = checkedAt;
    }

    Instant checkedAt() {
        return checkedAt;
    }

    void checked(Instant at) {
        this.checkedAt = at;
    }
}
