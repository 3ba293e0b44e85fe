package io.wharf.index.accesstoken;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** The complete new set of a robot's permissions; repositories left out lose theirs. */
public record SetRobotPermissionsRequest(
        @NotNull(message = "List the permissions (an empty list takes them all away).")
        List<@Valid @NotNull RobotPermissionView> permissions) {
}
