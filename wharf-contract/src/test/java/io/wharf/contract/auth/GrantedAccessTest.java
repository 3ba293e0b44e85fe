package io.wharf.contract.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GrantedAccessTest {

    private final GrantedAccess access = new GrantedAccess(List.of(
            AccessEntry.repository("team/app", "pull", "push"),
            new AccessEntry(AccessEntry.REGISTRY, AccessEntry.CATALOG, Set.of(AccessEntry.ALL))));

    @Test
    void allowsOnlyGrantedActionsOnTheNamedResource() {
        assertThat(access.allows("repository", "team/app", "push")).isTrue();
        assertThat(access.allows("repository", "team/app", "delete")).isFalse();
        assertThat(access.allows("repository", "team/other", "pull")).isFalse();
        assertThat(access.allows("registry", "team/app", "pull")).isFalse();
    }

    @Test
    void wildcardAllowsEveryActionOnItsResource() {
        assertThat(access.allows("registry", "catalog", "*")).isTrue();
        assertThat(access.allows("registry", "catalog", "search")).isTrue();
    }

    @Test
    void roundTripsThroughTheClaimValue() {
        List<Map<String, Object>> claim = access.toClaimValue();

        assertThat(claim.get(0)).containsExactly(
                Map.entry("type", "repository"),
                Map.entry("name", "team/app"),
                Map.entry("actions", List.of("pull", "push")));
        assertThat(GrantedAccess.fromClaimValue(claim)).isEqualTo(access);
    }

    @Test
    void aTopLevelNameAndItsLibraryFormAreOneRepository() {
        GrantedAccess granted = new GrantedAccess(List.of(AccessEntry.repository("ubuntu", "pull")));

        assertThat(granted.allows("repository", "library/ubuntu", "pull")).isTrue();
        assertThat(new GrantedAccess(List.of(AccessEntry.repository("library/ubuntu", "pull")))
                .allows("repository", "ubuntu", "pull")).isTrue();
        assertThat(granted.allows("repository", "other/ubuntu", "pull")).isFalse();
    }

    @Test
    void refusalsRoundTripThroughTheirClaimAndUnreadableOnesAreLeftOut() {
        AccessRefusal refusal = new AccessRefusal("repository", "ubuntu", AccessRefusal.Reason.TOP_LEVEL, "why");

        assertThat(AccessRefusal.fromClaimValue(AccessRefusal.toClaimValue(List.of(refusal)))).containsExactly(refusal);
        assertThat(refusal.isAbout("repository", "library/ubuntu")).isTrue();
        assertThat(AccessRefusal.fromClaimValue(null)).isEmpty();
        assertThat(AccessRefusal.fromClaimValue(List.of(Map.of("type", "repository", "name", "a/b",
                "reason", "from_a_newer_index", "message", "?"), "not an object"))).isEmpty();
    }

    @Test
    void missingClaimGrantsNothing() {
        assertThat(GrantedAccess.fromClaimValue(null).entries()).isEmpty();
        assertThat(GrantedAccess.fromClaimValue(List.of(Map.of("type", "repository", "name", "a/b")))
                .allows("repository", "a/b", "pull")).isFalse();
    }

    @Test
    void rejectsMalformedClaims() {
        assertThatThrownBy(() -> GrantedAccess.fromClaimValue("repository:a/b:pull"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GrantedAccess.fromClaimValue(List.of("repository")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GrantedAccess.fromClaimValue(List.of(Map.of("type", "repository"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GrantedAccess.fromClaimValue(
                List.of(Map.of("type", "repository", "name", "a/b", "actions", "pull"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GrantedAccess.fromClaimValue(
                List.of(Map.of("type", "repository", "name", "a/b", "actions", List.of(1)))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
