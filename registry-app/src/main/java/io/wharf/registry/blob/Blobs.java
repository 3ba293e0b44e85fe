package io.wharf.registry.blob;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import java.util.Optional;

public interface Blobs extends JpaRepository<Blob, String> {

    /** The blob when {@code repositoryId} links it: what a repository may serve. */
    @Query("select b from Blob b where b.digest = :digest and exists "
            + "(select 1 from RepositoryBlob l where l.id.repositoryId = :repositoryId and l.id.digest = :digest)")
    Optional<Blob> findLinked(@Param("repositoryId") long repositoryId, @Param("digest") String digest);

    @Modifying
    @Query("delete from RepositoryBlob l where l.id.repositoryId = :repositoryId and l.id.digest = :digest")
    int unlink(@Param("repositoryId") long repositoryId, @Param("digest") String digest);
}
