package io.wharf.index.accesstoken;

import io.wharf.index.role.Role;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** A robot's role on a repository of its namespace, named in full ({@code acme/app}). */
public record RobotPermissionView(@NotBlank(message = "Name the repository of each permission.") String repository,
        @NotNull(message = "Choose a role for each permission: read, write or admin.") Role role) {

    static RobotPermissionView of(RobotPermission permission) {
        return new RobotPermissionView(permission.repository().fullName(), permission.role());
    }
}
