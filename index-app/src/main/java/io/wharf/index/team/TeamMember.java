package io.wharf.index.team;

import io.wharf.index.account.Account;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/** An account in a team. */
@Entity
@Table(name = "team_member")
public class TeamMember extends TeamRow {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "account_id", updatable = false)
    private Account account;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected TeamMember() {
    }

    public TeamMember(Team team, Account account, Instant createdAt) {
        super(team);
        this.account = account;
        this.createdAt = createdAt;
    }

    public Account account() {
        return account;
    }
}
