package io.wharf.contract.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.contract.name.RepositoryName;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which cache serves a requested name: a proxy's namespace, and the mirror path, which a local repository shadows. */
class ProxyNamesTest {

    private static final Set<String> PROXIES = Set.of("dockerhub", "ghcr");

    private static Optional<ProxiedName> resolve(String requested, Optional<String> mirror, Set<String> local) {
        return ProxyNames.resolve(new RepositoryName(requested), PROXIES::contains, mirror,
                name -> local.contains(name.value()));
    }

    @Test
    void aNameInAProxyNamespaceIsFetchedAsTheRestOfIt() {
        assertThat(resolve("dockerhub/library/alpine", Optional.empty(), Set.of())).contains(
                new ProxiedName("dockerhub", new RepositoryName("dockerhub/library/alpine"), "library/alpine", false));
        assertThat(resolve("ghcr/acme/tools/app", Optional.of("dockerhub"), Set.of())).contains(
                new ProxiedName("ghcr", new RepositoryName("ghcr/acme/tools/app"), "acme/tools/app", false));
        assertThat(resolve("acme/app", Optional.of("dockerhub"), Set.of())).isEmpty();
    }

    @Test
    void theMirrorServesTopLevelNamesThatHaveNoLocalRepository() {
        ProxiedName mirrored = new ProxiedName("dockerhub", new RepositoryName("dockerhub/library/alpine"),
                "library/alpine", true);
        assertThat(resolve("library/alpine", Optional.of("dockerhub"), Set.of())).contains(mirrored);
        assertThat(resolve("alpine", Optional.of("dockerhub"), Set.of())).contains(mirrored);
        // Wharf's own top-level image always wins.
        assertThat(resolve("library/alpine", Optional.of("dockerhub"), Set.of("library/alpine"))).isEmpty();
        assertThat(resolve("library/alpine", Optional.empty(), Set.of())).isEmpty();
        // A mirror-stored name that would be too long is not served by the mirror.
        String longest = "a".repeat(RepositoryName.MAX_LENGTH - "library/".length());
        assertThat(resolve(longest, Optional.of("dockerhub"), Set.of())).isEmpty();
    }

    @Test
    void proxyNamesAreOneComponentAndNotLibrary() {
        assertThat(ProxyNames.isValidProxyName("dockerhub")).isTrue();
        assertThat(ProxyNames.isValidProxyName("ghcr-io")).isTrue();
        for (String bad : new String[] {"library", "docker/hub", "DockerHub", "", "-x", "a..b"}) {
            assertThat(ProxyNames.isValidProxyName(bad)).as(bad).isFalse();
            assertThat(ProxyNames.proxyNameProblem(bad)).as(bad).isNotBlank();
        }
        assertThat(ProxyNames.isValidProxyName(null)).isFalse();
        assertThat(ProxyNames.proxyNameProblem("dockerhub")).isNull();
    }

    @Test
    void includeAndExcludeGlobsDecideWhatIsFetched() {
        assertThat(ProxyNames.allows(List.of(), List.of(), "anything/at/all")).isTrue();
        List<String> include = List.of("library/*", "bitnami/**");
        List<String> exclude = List.of("library/secret*");
        assertThat(ProxyNames.allows(include, exclude, "library/alpine")).isTrue();
        assertThat(ProxyNames.allows(include, exclude, "library/a/b")).isFalse();
        assertThat(ProxyNames.allows(include, exclude, "bitnami/charts/redis")).isTrue();
        assertThat(ProxyNames.allows(include, exclude, "library/secrets")).isFalse();
        assertThat(ProxyNames.allows(include, exclude, "acme/app")).isFalse();
        assertThat(RepositoryGlob.matches("library/alp.ne", "library/alpXne")).isFalse();
    }

    @Test
    void settingsTellWhatIsWrongAndHideThePassword() {
        ProxySettings good = new ProxySettings("https://registry-1.docker.io/", "bob", "s3cret", null, null, null,
                null, true);
        assertThat(good.problems()).isEmpty();
        assertThat(good.upstreamBase()).isEqualTo("https://registry-1.docker.io");
        assertThat(good.revalidateAfterSecondsOrDefault()).isEqualTo(ProxySettings.DEFAULT_REVALIDATE_AFTER_SECONDS);
        assertThat(good.toString()).doesNotContain("s3cret");

        ProxySettings bad = new ProxySettings("ftp://x", null, null, -1L, List.of("Library/*"), List.of("a***"), -5L,
                false);
        assertThat(bad.problems()).hasSize(5);
        assertThat(new ProxySettings("https://user:pw@host", null, null, null, null, null, null, false).problems())
                .hasSize(1);
        assertThat(new ProxySettings(null, null, null, null, null, null, null, false).problems()).hasSize(1);
    }

    @Test
    void thePushRefusalSaysWhyAndWhatToDo() {
        assertThat(ProxyNames.pushRefusal("dockerhub", "https://registry-1.docker.io")).isEqualTo(
                "dockerhub is a pull-through cache of https://registry-1.docker.io: pushes are refused;"
                        + " push to your own namespace instead");
    }
}
