package io.wharf.index.repository;

import static io.wharf.index.role.RepositoryAction.DELETE;
import static io.wharf.index.role.RepositoryAction.PUSH;
import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.index.role.RepositoryAction;
import io.wharf.index.role.Role;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The permission matrix of {@link RepositoryPermissions#decide}, with the facts each kind of requester has. */
class RepositoryPermissionsDecisionTest {

    /** The facts that distinguish each kind of requester, on a repository of the namespace in question. */
    enum Who {
        OWNER(false, Role.ADMIN, null),
        ORG_ADMIN(false, Role.ADMIN, null),
        ORG_WRITER(false, Role.WRITE, null),
        ORG_READER(false, Role.READ, null),
        COLLABORATOR_ADMIN(false, null, Role.ADMIN),
        COLLABORATOR_WRITER(false, null, Role.WRITE),
        COLLABORATOR_READER(false, null, Role.READ),
        ORG_READER_AND_COLLABORATOR_WRITER(false, Role.READ, Role.WRITE),
        ROBOT_WITH_WRITE(false, null, Role.WRITE),
        OTHER_USER(false, null, null),
        ANONYMOUS(false, null, null),
        ADMINISTRATOR(true, null, null);

        final boolean administrator;
        final Role namespaceRole;
        final Role repositoryRole;

        Who(boolean administrator, Role namespaceRole, Role repositoryRole) {
            this.administrator = administrator;
            this.namespaceRole = namespaceRole;
            this.repositoryRole = repositoryRole;
        }

        AccessFacts on(Visibility visibility, boolean writeRestricted) {
            return new AccessFacts(administrator, writeRestricted, true, true, visibility, namespaceRole, repositoryRole);
        }

        AccessFacts onMissingRepository(boolean namespaceExists) {
            // Nobody can collaborate on a repository that does not exist.
            return new AccessFacts(administrator, false, namespaceExists, false, null, namespaceRole, null);
        }
    }

    @ParameterizedTest(name = "{0} on a {1} repository may {2}")
    @CsvSource({
            "OWNER,                              PUBLIC,  pull push delete",
            "OWNER,                              PRIVATE, pull push delete",
            "ORG_ADMIN,                          PUBLIC,  pull push delete",
            "ORG_ADMIN,                          PRIVATE, pull push delete",
            "ORG_WRITER,                         PUBLIC,  pull push",
            "ORG_WRITER,                         PRIVATE, pull push",
            "ORG_READER,                         PUBLIC,  pull",
            "ORG_READER,                         PRIVATE, pull",
            "COLLABORATOR_ADMIN,                 PUBLIC,  pull push delete",
            "COLLABORATOR_ADMIN,                 PRIVATE, pull push delete",
            "COLLABORATOR_WRITER,                PUBLIC,  pull push",
            "COLLABORATOR_WRITER,                PRIVATE, pull push",
            "COLLABORATOR_READER,                PUBLIC,  pull",
            "COLLABORATOR_READER,                PRIVATE, pull",
            "ORG_READER_AND_COLLABORATOR_WRITER, PRIVATE, pull push",
            "ROBOT_WITH_WRITE,                   PRIVATE, pull push",
            "OTHER_USER,                         PUBLIC,  pull",
            "OTHER_USER,                         PRIVATE, ''",
            "ANONYMOUS,                          PUBLIC,  pull",
            "ANONYMOUS,                          PRIVATE, ''",
            "ADMINISTRATOR,                      PUBLIC,  pull push delete",
            "ADMINISTRATOR,                      PRIVATE, pull push delete",
    })
    void existingRepositories(Who who, Visibility visibility, String expected) {
        assertThat(RepositoryPermissions.decide(who.on(visibility, false))).isEqualTo(actions(expected));
    }

    @ParameterizedTest(name = "{0} may only pull from a {1} repository with a read-only token or unconfirmed email")
    @CsvSource({
            "OWNER,               PRIVATE, pull",
            "OWNER,               PUBLIC,  pull",
            "ORG_ADMIN,           PRIVATE, pull",
            "COLLABORATOR_WRITER, PRIVATE, pull",
            "ADMINISTRATOR,       PRIVATE, pull",
            "OTHER_USER,          PRIVATE, ''",
            "OTHER_USER,          PUBLIC,  pull",
    })
    void writeRestrictedRequestersOnlyPull(Who who, Visibility visibility, String expected) {
        assertThat(RepositoryPermissions.decide(who.on(visibility, true))).isEqualTo(actions(expected));
    }

    @ParameterizedTest(name = "a repository that does not exist yet: {0} may {1}")
    @CsvSource({
            "OWNER,         pull push delete",
            "ORG_ADMIN,     pull push delete",
            "ORG_WRITER,    pull push",
            "ORG_READER,    ''",
            "OTHER_USER,    ''",
            "ANONYMOUS,     ''",
            "ADMINISTRATOR, pull push delete",
    })
    void missingRepositoryInAnExistingNamespace(Who who, String expected) {
        assertThat(RepositoryPermissions.decide(who.onMissingRepository(true))).isEqualTo(actions(expected));
    }

    @Test
    void nobodyCreatesRepositoriesInANamespaceThatDoesNotExist() {
        assertThat(RepositoryPermissions.decide(Who.ADMINISTRATOR.onMissingRepository(false))).isEmpty();
    }

    @Test
    void readOnlyTokenCannotCreateARepositoryByPushing() {
        AccessFacts ownNamespace = new AccessFacts(false, true, true, false, null, Role.ADMIN, null);

        assertThat(RepositoryPermissions.decide(ownNamespace)).doesNotContain(PUSH, DELETE);
    }

    @Test
    void strongerOfNamespaceAndRepositoryRoleCounts() {
        assertThat(new AccessFacts(false, false, true, true, Visibility.PRIVATE, Role.WRITE, Role.READ).effectiveRole())
                .isEqualTo(Role.WRITE);
        assertThat(new AccessFacts(false, false, true, true, Visibility.PRIVATE, Role.READ, Role.ADMIN).effectiveRole())
                .isEqualTo(Role.ADMIN);
        assertThat(new AccessFacts(true, false, true, true, Visibility.PRIVATE, null, null).effectiveRole())
                .isEqualTo(Role.ADMIN);
        assertThat(new AccessFacts(false, false, true, true, Visibility.PRIVATE, null, null).effectiveRole()).isNull();
    }

    private static Set<RepositoryAction> actions(String names) {
        return Arrays.stream(names.trim().split("\\s+"))
                .filter(name -> !name.isEmpty())
                .map(name -> RepositoryAction.valueOf(name.toUpperCase(Locale.ROOT)))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(RepositoryAction.class)));
    }
}
