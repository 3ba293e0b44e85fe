package io.wharf.registry.tag;

import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface Tags extends JpaRepository<Tag, Tag.Key> {

    /**
     * The spec's lexical order is case-insensitive ({@code Alpha, beta, Charlie}); case then breaks ties so
     * that the order is total and {@code last} pagination never skips or repeats a tag.
     */
    @Query("select t.id.name from Tag t where t.id.repositoryId = :repositoryId and (lower(t.id.name) > lower(:last)"
            + " or (lower(t.id.name) = lower(:last) and t.id.name > :last)) order by lower(t.id.name), t.id.name")
    List<String> namesAfter(@Param("repositoryId") long repositoryId, @Param("last") String last, Limit limit);

    List<Tag> findByIdRepositoryIdOrderByUpdatedAtDescIdNameAsc(long repositoryId);

    /** Removes a tag unless it moved (or was pushed again) since {@code updatedAt}. */
    @Modifying
    @Query("delete from Tag t where t.id.repositoryId = :repositoryId and t.id.name = :name"
            + " and t.updatedAt = :updatedAt")
    int deleteIfUnchanged(@Param("repositoryId") long repositoryId, @Param("name") String name,
            @Param("updatedAt") Instant updatedAt);

    @Modifying
    @Query("delete from Tag t where t.manifestId = :manifestId")
    int deleteByManifestId(@Param("manifestId") long manifestId);
}
