package io.wharf.index.accesstoken;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface RobotPermissions extends JpaRepository<RobotPermission, Long> {

    Optional<RobotPermission> findByRobotIdAndRepositoryId(long robotId, long repositoryId);

    List<RobotPermission> findByRobotId(long robotId);

    @Modifying(flushAutomatically = true)
    @Query("delete from RobotPermission p where p.robot.id = :robotId")
    void deleteByRobotId(@Param("robotId") long robotId);

    @Modifying(flushAutomatically = true)
    @Query("delete from RobotPermission p where p.repository.id = :repositoryId")
    void deleteByRepositoryId(@Param("repositoryId") long repositoryId);
}
