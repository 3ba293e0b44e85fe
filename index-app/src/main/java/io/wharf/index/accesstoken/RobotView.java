package io.wharf.index.accesstoken;

import java.time.Instant;
import java.util.List;

/** A robot; {@code name} is the full name it signs in with, {@code <namespace>+<robot>}. */
public record RobotView(
        String name, String namespace, String description, Instant createdAt, List<RobotPermissionView> permissions) {
}
