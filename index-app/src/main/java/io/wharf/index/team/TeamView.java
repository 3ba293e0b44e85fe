package io.wharf.index.team;

import io.wharf.index.role.Role;
import java.util.List;

/** A team as the REST API and the organization page show it; {@code directoryGroup} is {@code null} when filled by hand. */
public record TeamView(String name, Role role, boolean allRepositories, List<String> repositories,
        String directoryGroup, List<String> members) {
}
