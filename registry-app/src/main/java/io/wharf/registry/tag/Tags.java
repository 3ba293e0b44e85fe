package io.wharf.registry.tag;

import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface Tags extends JpaRepository<Tag, Tag.Key> {

    @Query("select t.id.name from Tag t where t.id.repositoryId = :repositoryId and t.id.name > :last "
            + "order by t.id.name")
    List<String> namesAfter(@Param("repositoryId") long repositoryId, @Param("last") String last, Limit limit);

    @Modifying
    @Query("delete from Tag t where t.manifestId = :manifestId")
    int deleteByManifestId(@Param("manifestId") long manifestId);
}
