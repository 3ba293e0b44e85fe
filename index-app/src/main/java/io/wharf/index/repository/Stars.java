package io.wharf.index.repository;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface Stars extends JpaRepository<Star, Long> {

    long countByRepositoryId(long repositoryId);

    boolean existsByRepositoryIdAndAccountId(long repositoryId, long accountId);

    @Modifying(flushAutomatically = true)
    @Query("delete from Star s where s.repository.id = :repositoryId and s.account.id = :accountId")
    void deleteByRepositoryIdAndAccountId(@Param("repositoryId") long repositoryId, @Param("accountId") long accountId);

    @Modifying(flushAutomatically = true)
    @Query("delete from Star s where s.repository.id = :repositoryId")
    void deleteByRepositoryId(@Param("repositoryId") long repositoryId);

    @Query("select s.repository.id, count(s) from Star s group by s.repository.id")
    List<Object[]> countRows();

    @Query("select s.repository.id, count(s) from Star s where s.repository.id in :ids group by s.repository.id")
    List<Object[]> countRowsOf(@Param("ids") Collection<Long> ids);

    /** Star counts of these repositories (a page's); repositories without stars are missing from the map. */
    default Map<Long, Long> countsOf(Collection<Long> repositoryIds) {
        return repositoryIds.isEmpty() ? Map.of() : toMap(countRowsOf(repositoryIds));
    }

    /**
     * Star counts by repository id; repositories without stars are missing from the map. All of them at
     * once: listings and searches may span every repository, more than an {@code in} list can hold.
     */
    default Map<Long, Long> counts() {
        return toMap(countRows());
    }

    private static Map<Long, Long> toMap(List<Object[]> rows) {
        return rows.stream().collect(Collectors.toMap(row -> (Long) row[0], row -> (Long) row[1]));
    }
}
