package io.wharf.index.org;

import io.wharf.index.role.Role;
import java.time.Instant;

/** An organization; {@code role} is the requester's role in it, absent for administrators who are not members. */
public record OrganizationView(String name, Instant createdAt, Role role) {
}
