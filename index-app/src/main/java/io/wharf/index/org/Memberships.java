package io.wharf.index.org;

import io.wharf.index.persistence.Rows;
import io.wharf.index.role.Role;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code membership} table, read with each member's username and organization. */
@Repository
public class Memberships {

    private static final String SELECT = "SELECT m.id, m.account_id, m.role, m.created_at, a.username, " + Organizations.JOINED_COLUMNS + """
             FROM membership m JOIN account a ON a.id = m.account_id JOIN organization o ON o.id = m.organization_id
            """;

    private static final RowMapper<Membership> ROWS = (row, number) -> new Membership(row.getLong("id"),
            Organizations.JOINED.mapRow(row, number), row.getLong("account_id"), row.getString("username"),
            Role.valueOf(row.getString("role")), Rows.instant(row, "created_at"));

    private final JdbcClient database;

    Memberships(JdbcClient database) {
        this.database = database;
    }

    public Optional<Membership> findByOrganizationNameAndAccountId(String organizationName, long accountId) {
        return database.sql(SELECT + "WHERE o.name = ? AND m.account_id = ?").params(organizationName, accountId)
                .query(ROWS).optional();
    }

    public List<Membership> findByOrganizationIdOrderByAccountUsername(long organizationId) {
        return database.sql(SELECT + "WHERE m.organization_id = ? ORDER BY a.username").param(organizationId)
                .query(ROWS).list();
    }

    public List<Membership> findByAccountIdOrderByOrganizationName(long accountId) {
        return database.sql(SELECT + "WHERE m.account_id = ? ORDER BY o.name").param(accountId).query(ROWS).list();
    }

    public long countByOrganizationIdAndRole(long organizationId, Role role) {
        return database.sql("SELECT COUNT(*) FROM membership WHERE organization_id = ? AND role = ?")
                .params(organizationId, role.name()).query(Long.class).single();
    }

    /** Inserts the membership; a second one of the account fails on {@code membership_once}. */
    Membership save(Membership membership) {
        long id = Rows.insert(database.sql("""
                        INSERT INTO membership (organization_id, account_id, role, created_at) VALUES (?, ?, ?, ?)""")
                .params(membership.organization().id(), membership.accountId(), membership.role().name(),
                        Rows.timestamp(membership.createdAt())));
        return new Membership(id, membership.organization(), membership.accountId(), membership.username(),
                membership.role(), membership.createdAt());
    }

    void saveRole(Membership membership) {
        database.sql("UPDATE membership SET role = ? WHERE id = ?")
                .params(membership.role().name(), membership.id()).update();
    }

    void delete(Membership membership) {
        database.sql("DELETE FROM membership WHERE id = ?").param(membership.id()).update();
    }
}
