package io.wharf.index.accesstoken;

import io.wharf.index.repository.ImageRepository;
import io.wharf.index.repository.RepositoryPath;
import io.wharf.index.role.Role;

/** A robot's role on one repository of its namespace. */
public record RobotPermission(long robotId, long repositoryId, RepositoryPath repository, Role role) {

    public RobotPermission(Robot robot, ImageRepository repository, Role role) {
        this(robot.id(), repository.id(), repository.path(), role);
    }
}
