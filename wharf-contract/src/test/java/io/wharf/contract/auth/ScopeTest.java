package io.wharf.contract.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScopeTest {

    @Test
    void parsesRepositoryScopeWithSeveralActions() {
        assertThat(Scope.parseResourceScope("repository:samalba/my-app:pull,push"))
                .isEqualTo(AccessEntry.repository("samalba/my-app", "pull", "push"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "repository:team/sub/app:pull          | repository | team/sub/app       | pull",
            "repository:a.b_c__d---e/f:push        | repository | a.b_c__d---e/f     | push",
            "repository:localhost:5000/app:pull    | repository | localhost:5000/app | pull",
            "repository:Registry.Example.com/app:pull | repository | Registry.Example.com/app | pull",
            "repository(plugin):team/app:pull      | repository | team/app           | pull",
            "registry:catalog:*                    | registry   | catalog            | *",
            "registry:catalog:search               | registry   | catalog            | search",
    })
    void parsesTheGrammar(String scope, String type, String name, String action) {
        assertThat(Scope.parseResourceScope(scope)).isEqualTo(new AccessEntry(type, name, Set.of(action)));
    }

    @Test
    void dropsEmptyActions() {
        assertThat(Scope.parseResourceScope("repository:team/app:").actions()).isEmpty();
        assertThat(Scope.parseResourceScope("repository:team/app:pull,,push,").actions())
                .containsExactly("pull", "push");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "repository",
            "repository:team/app",
            "repository::pull",
            "Repository:team/app:pull",
            "repo-sitory:team/app:pull",
            "repository(:team/app:pull",
            "repository:team/App:pull",
            "repository:App:pull",
            "repository:team//app:pull",
            "repository:/app:pull",
            "repository:team/app/:pull",
            "repository:team/-app:pull",
            "repository:team/app:PULL",
            "repository:team/app:pull;push",
            "repository:host:port/app:pull",
            "repository:team:5000:pull",
    })
    void rejectsWhatTheGrammarDoesNotAllow(String scope) {
        assertThatThrownBy(() -> Scope.parseResourceScope(scope)).isInstanceOf(InvalidScopeException.class);
    }

    @Test
    void rejectsOverlongNames() {
        String name = "a/" + "b".repeat(Scope.MAX_NAME_LENGTH);
        assertThatThrownBy(() -> Scope.parseResourceScope("repository:" + name + ":pull"))
                .isInstanceOf(InvalidScopeException.class);
    }

    @Test
    void rejectsPathologicalNamesQuickly() {
        // A grammar written with a nullable separator ([-]*) backtracks exponentially on such input.
        String name = "a".repeat(200) + "!";
        long started = System.nanoTime();
        assertThatThrownBy(() -> Scope.parseResourceScope("repository:" + name + ":pull"))
                .isInstanceOf(InvalidScopeException.class);
        assertThat(System.nanoTime() - started).isLessThan(1_000_000_000L);
    }

    @Test
    void parsesSpaceSeparatedListsAndMergesTheSameResource() {
        List<AccessEntry> entries = Scope.parse(
                "repository:team/app:pull  registry:catalog:* repository:team/app:push repository:team/base:pull");

        assertThat(entries).containsExactly(
                AccessEntry.repository("team/app", "pull", "push"),
                new AccessEntry("registry", "catalog", Set.of("*")),
                AccessEntry.repository("team/base", "pull"));
    }

    @Test
    void parsesRepeatedParametersEachOfWhichMayBeAList() {
        assertThat(Scope.parseAll(Arrays.asList(
                "repository:team/app:pull", null, "", "repository:team/base:pull repository:team/app:delete")))
                .containsExactly(
                        AccessEntry.repository("team/app", "delete", "pull"),
                        AccessEntry.repository("team/base", "pull"));
    }

    @Test
    void blankScopeAsksForNothing() {
        assertThat(Scope.parse("")).isEmpty();
        assertThat(Scope.parse("   ")).isEmpty();
        assertThat(Scope.parse(null)).isEmpty();
    }

    @Test
    void oneInvalidResourceScopeRejectsTheList() {
        assertThatThrownBy(() -> Scope.parse("repository:team/app:pull nonsense"))
                .isInstanceOf(InvalidScopeException.class)
                .hasMessageContaining("nonsense");
    }

    @Test
    void formatsEntriesThatGrantSomethingInSortedActionOrder() {
        String formatted = Scope.format(List.of(
                AccessEntry.repository("team/app", "push", "pull"),
                AccessEntry.repository("team/secret"),
                new AccessEntry("registry", "catalog", Set.of("search"))));

        assertThat(formatted).isEqualTo("repository:team/app:pull,push registry:catalog:search");
        assertThat(Scope.parse(formatted)).hasSize(2);
    }
}
