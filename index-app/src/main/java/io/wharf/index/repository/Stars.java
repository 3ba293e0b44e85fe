package io.wharf.index.repository;

import io.wharf.index.persistence.Rows;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code star} table. */
@Repository
public class Stars {

    private final JdbcClient database;
    private final ApplicationEventPublisher publisher;

    Stars(JdbcClient database, ApplicationEventPublisher publisher) {
        this.database = database;
        this.publisher = publisher;
    }

    long countByRepositoryId(long repositoryId) {
        return database.sql("SELECT COUNT(*) FROM star WHERE repository_id = ?").param(repositoryId)
                .query(Long.class).single();
    }

    boolean existsByRepositoryIdAndAccountId(long repositoryId, long accountId) {
        return database.sql("SELECT COUNT(*) FROM star WHERE repository_id = ? AND account_id = ?")
                .params(repositoryId, accountId).query(Long.class).single() > 0;
    }

    /** Inserts the star; a second star of the same user fails on {@code star_once}. */
    void save(Star star) {
        database.sql("INSERT INTO star (repository_id, account_id, created_at) VALUES (?, ?, ?)")
                .params(star.repositoryId(), star.accountId(), Rows.timestamp(star.createdAt())).update();
        publisher.publishEvent(new RepositoryListingChanged());
    }

    void deleteByRepositoryIdAndAccountId(long repositoryId, long accountId) {
        database.sql("DELETE FROM star WHERE repository_id = ? AND account_id = ?").params(repositoryId, accountId)
                .update();
        publisher.publishEvent(new RepositoryListingChanged());
    }

    void deleteByRepositoryId(long repositoryId) {
        database.sql("DELETE FROM star WHERE repository_id = ?").param(repositoryId).update();
        publisher.publishEvent(new RepositoryListingChanged());
    }

    /** Star counts of these repositories (a page's); repositories without stars are missing from the map. */
    public Map<Long, Long> countsOf(Collection<Long> repositoryIds) {
        return repositoryIds.isEmpty() ? Map.of() : toMap(database.sql(
                "SELECT repository_id, COUNT(*) FROM star WHERE repository_id IN (:ids) GROUP BY repository_id")
                .param("ids", repositoryIds));
    }

    /**
     * Star counts by repository id; repositories without stars are missing from the map. All of them at
     * once: listings and searches may span every repository, more than an {@code in} list can hold.
     */
    public Map<Long, Long> counts() {
        return toMap(database.sql("SELECT repository_id, COUNT(*) FROM star GROUP BY repository_id"));
    }

    private static Map<Long, Long> toMap(JdbcClient.StatementSpec counts) {
        return counts.query((row, number) -> Map.entry(row.getLong(1), row.getLong(2))).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
