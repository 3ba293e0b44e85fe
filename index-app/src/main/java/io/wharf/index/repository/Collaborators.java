package io.wharf.index.repository;

import io.wharf.index.persistence.Rows;
import io.wharf.index.role.Role;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code collaborator} table, read with each collaborator's username. */
@Repository
public class Collaborators {

    private static final String SELECT = "SELECT c.*, a.username FROM collaborator c JOIN account a ON a.id = c.account_id ";

    private static final RowMapper<Collaborator> ROWS = (row, number) -> new Collaborator(row.getLong("id"),
            row.getLong("repository_id"), row.getLong("account_id"), row.getString("username"),
            Role.valueOf(row.getString("role")), Rows.instant(row, "created_at"));

    private final JdbcClient database;

    Collaborators(JdbcClient database) {
        this.database = database;
    }

    Optional<Collaborator> findByRepositoryIdAndAccountId(long repositoryId, long accountId) {
        return database.sql(SELECT + "WHERE c.repository_id = ? AND c.account_id = ?").params(repositoryId, accountId)
                .query(ROWS).optional();
    }

    List<Collaborator> findByRepositoryIdOrderByAccountUsername(long repositoryId) {
        return database.sql(SELECT + "WHERE c.repository_id = ? ORDER BY a.username").param(repositoryId)
                .query(ROWS).list();
    }

    /** Inserts the collaborator; a second grant to the account fails on {@code collaborator_once}. */
    Collaborator save(Collaborator collaborator) {
        long id = Rows.insert(database.sql("""
                        INSERT INTO collaborator (repository_id, account_id, role, created_at) VALUES (?, ?, ?, ?)""")
                .params(collaborator.repositoryId(), collaborator.accountId(), collaborator.role().name(),
                        Rows.timestamp(collaborator.createdAt())));
        return new Collaborator(id, collaborator.repositoryId(), collaborator.accountId(), collaborator.username(),
                collaborator.role(), collaborator.createdAt());
    }

    void saveRole(Collaborator collaborator) {
        database.sql("UPDATE collaborator SET role = ? WHERE id = ?")
                .params(collaborator.role().name(), collaborator.id()).update();
    }

    void delete(Collaborator collaborator) {
        database.sql("DELETE FROM collaborator WHERE id = ?").param(collaborator.id()).update();
    }

    void deleteByRepositoryId(long repositoryId) {
        database.sql("DELETE FROM collaborator WHERE repository_id = ?").param(repositoryId).update();
    }
}
