package io.wharf.contract.name;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written scan of repository names against the OCI distribution spec's grammar, written as a regex here. */
class RepositoryNameTest {

    private static final String COMPONENT = "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*";
    private static final Pattern SPEC_GRAMMAR = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");

    @Test
    void acceptsWhatTheSpecAllows() {
        for (String name : new String[] {"a", "library/busybox", "team/sub/app", "a.b", "a_b", "a__b", "a-b", "a---b",
                "0/1/2", "my-org/my.app__v2"}) {
            assertThat(RepositoryName.isValid(name)).as(name).isTrue();
        }
    }

    @Test
    void refusesWhatTheSpecDoesNot() {
        for (String name : new String[] {"", "A", "a/", "/a", "a//b", "a___b", "a.-b", "a_-b", "-a", "a-", "a.",
                "a..b", "a b", "../etc", "a/../b", "a\\b", "ä", "a:b", "a@b"}) {
            assertThat(RepositoryName.isValid(name)).as(name).isFalse();
        }
        assertThat(RepositoryName.isValid(null)).isFalse();
        assertThat(RepositoryName.isValid("a/" + "a".repeat(RepositoryName.MAX_LENGTH - 2))).isTrue();
        assertThat(RepositoryName.isValid("a/" + "a".repeat(RepositoryName.MAX_LENGTH - 1))).isFalse();
        // A top-level name must fit once library/ is added.
        assertThat(RepositoryName.isValid("a".repeat(RepositoryName.MAX_LENGTH - "library/".length()))).isTrue();
        assertThat(RepositoryName.isValid("a".repeat(RepositoryName.MAX_LENGTH - "library/".length() + 1))).isFalse();
        assertThatThrownBy(() -> new RepositoryName("a//b")).isInstanceOf(InvalidRepositoryNameException.class);
    }

    @Test
    void aTopLevelNameIsTheSameNameInTheLibraryNamespace() {
        RepositoryName ubuntu = new RepositoryName("ubuntu");

        assertThat(ubuntu).isEqualTo(new RepositoryName("library/ubuntu"));
        assertThat(ubuntu.value()).isEqualTo("library/ubuntu");
        assertThat(ubuntu.namespace()).isEqualTo("library");
        assertThat(ubuntu.path()).isEqualTo("ubuntu");
        assertThat(ubuntu.official()).isTrue();
        assertThat(new RepositoryName("team/app").official()).isFalse();
        assertThat(new RepositoryName("team/sub/app").path()).isEqualTo("sub/app");
    }

    @Test
    void agreesWithTheSpecGrammarOnRandomNames() {
        Random random = new Random(42);
        String alphabet = "ab09._-/A ";
        int accepted = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder name = new StringBuilder();
            for (int length = 1 + random.nextInt(8); name.length() < length; ) {
                name.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            boolean expected = SPEC_GRAMMAR.matcher(name).matches();
            assertThat(RepositoryName.isValid(name.toString())).as(name.toString()).isEqualTo(expected);
            accepted += expected ? 1 : 0;
        }
        // the random names cover both answers in quantity
        assertThat(accepted).isGreaterThan(10_000);
    }
}
