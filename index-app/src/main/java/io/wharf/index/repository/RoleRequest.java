package io.wharf.index.repository;

import jakarta.validation.constraints.NotNull;

/** The body that gives an organization member, a collaborator or a robot a role. */
public record RoleRequest(@NotNull(message = "Choose a role: read, write or admin.") Role role) {
}
