package io.wharf.index.team;

import io.wharf.index.role.Role;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A team's settings: its role on the repositories it names (names below the organization, {@code app} or
 * {@code tools/app}) or on all of them, and the directory group that fills it ({@code ldap:<DN>}, {@code oidc:<name>};
 * absent or empty: filled by hand). The name is read only when the team is created.
 */
public record TeamRequest(
        @NotNull(message = "Choose a name for the team.")
        @Size(max = 30, message = "A team name has at most 30 characters.")
        @Pattern(regexp = "[a-z0-9]+(?:[._-][a-z0-9]+)*",
                message = "A team name has lowercase letters and digits, separated by single dots, dashes or underscores.")
        String name,
        @NotNull(message = "Choose a role: read, write or admin.") Role role,
        boolean allRepositories,
        List<String> repositories,
        String directoryGroup) {

    List<String> repositoryNames() {
        return repositories == null ? List.of() : repositories.stream().map(String::strip).filter(name -> !name.isEmpty())
                .distinct().toList();
    }
}
