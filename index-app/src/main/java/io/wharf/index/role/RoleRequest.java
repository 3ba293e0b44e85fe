package io.wharf.index.role;

import io.wharf.index.role.Role;
import jakarta.validation.constraints.NotNull;

/** The body that gives an organization member, a collaborator or a robot a role. */
public record RoleRequest(@NotNull Role role) {
}
