package io.wharf.index.repository;

import static io.wharf.index.role.RepositoryAction.DELETE;
import static io.wharf.index.role.RepositoryAction.PULL;
import static io.wharf.index.role.RepositoryAction.PUSH;
import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.contract.auth.AccessRefusal.Reason;
import io.wharf.index.repository.AccessFacts.Restriction;
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

        AccessFacts on(Visibility visibility, Restriction restriction) {
            return new AccessFacts(administrator, restriction, true, true, visibility, namespaceRole, repositoryRole, null);
        }

        AccessFacts onMissingRepository(boolean namespaceExists) {
            // Nobody can collaborate on a repository that does not exist.
            return new AccessFacts(administrator, Restriction.NONE, namespaceExists, false, null, namespaceRole, null, null);
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
        assertThat(RepositoryPermissions.decide(who.on(visibility, Restriction.NONE))).isEqualTo(actions(expected));
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
        assertThat(RepositoryPermissions.decide(who.on(visibility, Restriction.READ_ONLY_TOKEN)))
                .isEqualTo(actions(expected));
        assertThat(RepositoryPermissions.decide(who.on(visibility, Restriction.EMAIL_UNCONFIRMED)))
                .isEqualTo(actions(expected));
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
        AccessFacts ownNamespace = new AccessFacts(false, Restriction.READ_ONLY_TOKEN, true, false, null, Role.ADMIN, null, null);

        assertThat(RepositoryPermissions.decide(ownNamespace)).doesNotContain(PUSH, DELETE);
    }

    @Test
    void aTeamRoleCountsLikeTheOthersAndTheStrongestWins() {
        AccessFacts readerInAWritingTeam = new AccessFacts(false, Restriction.NONE, true, true, Visibility.PRIVATE,
                Role.READ, null, Role.WRITE);
        AccessFacts onlyATeam = new AccessFacts(false, Restriction.NONE, true, true, Visibility.PRIVATE, null, null, Role.READ);
        AccessFacts teamOnAllRepositoriesCreates = new AccessFacts(false, Restriction.NONE, true, false, null, null, null,
                Role.WRITE);

        assertThat(RepositoryPermissions.decide(readerInAWritingTeam)).containsExactlyInAnyOrder(PULL, PUSH);
        assertThat(RepositoryPermissions.decide(onlyATeam)).containsExactly(PULL);
        assertThat(RepositoryPermissions.decide(teamOnAllRepositoriesCreates)).containsExactlyInAnyOrder(PULL, PUSH);
    }

    @Test
    void strongerOfNamespaceAndRepositoryRoleCounts() {
        assertThat(new AccessFacts(false, Restriction.NONE, true, true, Visibility.PRIVATE, Role.WRITE, Role.READ, null).effectiveRole())
                .isEqualTo(Role.WRITE);
        assertThat(new AccessFacts(false, Restriction.NONE, true, true, Visibility.PRIVATE, Role.READ, Role.ADMIN, null).effectiveRole())
                .isEqualTo(Role.ADMIN);
        assertThat(new AccessFacts(true, Restriction.NONE, true, true, Visibility.PRIVATE, null, null, null).effectiveRole())
                .isEqualTo(Role.ADMIN);
        assertThat(new AccessFacts(false, Restriction.NONE, true, true, Visibility.PRIVATE, null, null, null).effectiveRole()).isNull();
    }

    @ParameterizedTest(name = "a robot whose namespace owner is locked gets nothing on a {0} repository")
    @CsvSource({"PUBLIC", "PRIVATE"})
    void robotsOfALockedOwnerGetNothing(Visibility visibility) {
        AccessFacts facts = Who.ROBOT_WITH_WRITE.on(visibility, Restriction.OWNER_LOCKED);

        assertThat(RepositoryPermissions.decide(facts)).isEmpty();
        assertThat(RepositoryPermissions.refusalReason(facts, false, EnumSet.of(PUSH))).isEqualTo(Reason.LOCKED);
    }

    @Test
    void aRobotOfAnUnconfirmedOwnerOnlyPulls() {
        AccessFacts facts = Who.ROBOT_WITH_WRITE.on(Visibility.PRIVATE, Restriction.EMAIL_UNCONFIRMED);

        assertThat(RepositoryPermissions.decide(facts)).containsExactly(RepositoryAction.PULL);
        assertThat(RepositoryPermissions.refusalReason(facts, false, EnumSet.of(PUSH)))
                .isEqualTo(Reason.EMAIL_UNCONFIRMED);
    }

    @ParameterizedTest(name = "{0} refused push ({1}, official namespace {2}, namespace exists {3}): {4}")
    @CsvSource({
            "OWNER,         READ_ONLY_TOKEN,   false, true,  READ_ONLY_TOKEN",
            "OWNER,         EMAIL_UNCONFIRMED, false, true,  EMAIL_UNCONFIRMED",
            "ORG_READER,    NONE,              false, true,  INSUFFICIENT_ROLE",
            "ROBOT_WITH_WRITE, READ_ONLY_TOKEN, false, true, READ_ONLY_TOKEN",
            "OTHER_USER,    NONE,              false, true,  NO_ACCESS",
            "OTHER_USER,    NONE,              true,  true,  TOP_LEVEL",
            "OTHER_USER,    NONE,              false, false, NAMESPACE_UNKNOWN",
            "ORG_READER,    READ_ONLY_TOKEN,   false, true,  INSUFFICIENT_ROLE",
    })
    void everyRefusedPushHasOneReason(Who who, Restriction restriction, boolean official, boolean namespaceExists,
            Reason expected) {
        AccessFacts facts = namespaceExists
                ? who.on(Visibility.PUBLIC, restriction)
                : new AccessFacts(false, restriction, false, false, null, null, null, null);

        assertThat(RepositoryPermissions.decide(facts)).doesNotContain(PUSH);
        assertThat(RepositoryPermissions.refusalReason(facts, official, EnumSet.of(PUSH))).isEqualTo(expected);
    }

    @Test
    void aRefusedPullSaysNoMoreThanNoAccess() {
        AccessFacts facts = Who.OTHER_USER.on(Visibility.PRIVATE, Restriction.NONE);

        assertThat(RepositoryPermissions.refusalReason(facts, false, EnumSet.of(RepositoryAction.PULL)))
                .isEqualTo(Reason.NO_ACCESS);
    }

    private static Set<RepositoryAction> actions(String names) {
        return Arrays.stream(names.trim().split("\\s+"))
                .filter(name -> !name.isEmpty())
                .map(name -> RepositoryAction.valueOf(name.toUpperCase(Locale.ROOT)))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(RepositoryAction.class)));
    }
}
