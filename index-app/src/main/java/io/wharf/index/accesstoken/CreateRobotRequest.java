package io.wharf.index.accesstoken;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code name} is the short name; the robot signs in as {@code <namespace>+<name>}. */
public record CreateRobotRequest(
        @NotBlank(message = "Give the robot a name.") String name,
        @Size(max = 255, message = "A robot's description has at most 255 characters.") String description) {
}
