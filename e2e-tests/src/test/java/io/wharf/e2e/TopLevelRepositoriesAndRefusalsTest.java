package io.wharf.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.registry.clients.DockerEngine;
import io.wharf.registry.clients.ExternalTool;
import io.wharf.registry.clients.Skopeo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first commands a team types, with the real docker engine: an administrator pushes a top-level {@code ubuntu},
 * others pull it as its visibility allows and {@code docker search} marks it official; and every refusal prints,
 * after {@code denied:}, why and what to do next. On the shared servers, one image tagged into every repository.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TopLevelRepositoriesAndRefusalsTest {

    private static final String PASSWORD = IndexApi.STRONG_PASSWORD + "-fc";

    private static WharfServers servers;
    private static IndexApi index;
    private static DockerEngine docker;
    private static String localImage;
    private static String imageId;

    @BeforeAll
    static void setUp() {
        servers = WharfServers.shared();
        index = new IndexApi(servers);
        index.createUser("ivan", PASSWORD);
        index.createUser("judy", PASSWORD);
        index.createUnconfirmedUser("kate", PASSWORD);
        index.createOrganization("initech");
        index.setMember("initech", "judy", "read");
        docker = DockerEngine.shared();
        localImage = "wharf-e2e/first-contact:" + System.nanoTime();
        imageId = docker.buildBusyboxImage(localImage);
    }

    @Test
    @Order(1)
    void anAdministratorPushesATopLevelRepositoryThatOthersPullAsItsVisibilityAllows() {
        String ubuntu = reference("ubuntu:1");
        loginAs(WharfServers.ADMIN_USER, WharfServers.ADMIN_PASSWORD);
        docker.tag(localImage, ubuntu);
        docker.push(ubuntu);
        docker.logout(servers.registryHost());
        docker.rmi(ubuntu);

        loginAs("ivan", PASSWORD);
        assertRefused(docker.attemptPull(ubuntu),
                "denied: repository library/ubuntu does not exist, or you may not pull it");
        index.setVisibility("library/ubuntu", "public");
        docker.pull(ubuntu);
        assertThat(docker.imageId(ubuntu)).isEqualTo(imageId);
        docker.rmi(ubuntu);
        docker.pull(reference("library/ubuntu:1"));
        assertThat(docker.imageId(reference("library/ubuntu:1"))).isEqualTo(imageId);

        assertThat(docker.searchTable(servers.registryHost() + "/ubuntu"))
                .containsPattern("(?m)^library/ubuntu\\s.*\\[OK\\]");
        docker.logout(servers.registryHost());
    }

    @Test
    @Order(2)
    void aTopLevelPushByAnotherUserSaysOnlyAdministratorsAndLibraryWritersMay() {
        loginAs("ivan", PASSWORD);
        assertRefused(push("alpine:1"), "denied: alpine is a top-level repository (library/alpine): only"
                + " administrators and writers of the organization library may push it; push under your own name"
                + " (ivan/alpine) instead");
        docker.logout(servers.registryHost());
    }

    @Test
    @Order(3)
    void aPushIntoANamespaceThatDoesNotExistSaysHowToGetOne() {
        loginAs("ivan", PASSWORD);
        assertRefused(push("nonexist/x:1"), "denied: namespace nonexist does not exist: push under your own name"
                + " (ivan/x) or create the organization nonexist first");
        docker.logout(servers.registryHost());
    }

    @Test
    @Order(4)
    void anUnconfirmedEmailAddressSaysWhereToConfirmIt() {
        loginAs("kate", PASSWORD);
        assertRefused(push("kate/app:1"), "denied: confirm your email address before you push: open the link"
                + " mailed to you, or send a new one from " + servers.indexUrl() + "/settings/profile");
        docker.logout(servers.registryHost());
    }

    @Test
    @Order(5)
    void aReadOnlyRoleAndAReadOnlyTokenSaySo() {
        index.createRepository(WharfServers.ADMIN_USER, WharfServers.ADMIN_PASSWORD, "initech/tool");
        loginAs("judy", PASSWORD);
        assertRefused(push("initech/tool:1"), "denied: your role on initech/tool does not allow push: ask an"
                + " administrator of initech for a stronger role");
        docker.logout(servers.registryHost());

        loginAs("ivan", index.createAccessToken("ivan", PASSWORD, "read-only"));
        assertRefused(push("ivan/app:1"), "denied: this is a read-only access token, it may only pull: log in with"
                + " a read-write token or your password to push");
        docker.logout(servers.registryHost());
    }

    @Test
    @Order(6)
    void aRobotWithoutPushPermissionAndARobotOfALockedUserSayWhy() {
        index.createRepository("ivan", PASSWORD, "ivan/service");
        String reader = index.createRobot("ivan", PASSWORD, "reader", "read", List.of("ivan/service"));
        loginAs("ivan+reader", reader);
        assertRefused(push("ivan/service:1"), "denied: robot ivan+reader may not push ivan/service: give it a"
                + " permission that does at " + servers.indexUrl() + "/settings/robots");
        docker.logout(servers.registryHost());

        index.createUser("liam", PASSWORD);
        index.createRepository("liam", PASSWORD, "liam/service");
        String writer = index.createRobot("liam", PASSWORD, "deployer", "write", List.of("liam/service"));
        loginAs("liam+deployer", writer);
        docker.push(tagged("liam/service:1"));
        index.lockUser("liam");
        assertRefused(push("liam/service:2"),
                "denied: the account liam is locked, and its robots with it; ask an administrator");
        docker.logout(servers.registryHost());
    }

    @Test
    @Order(7)
    void movingAnImmutableTagSaysSo() {
        String pinned = "ivan/" + WharfServers.IMMUTABLE_REPOSITORY + ":1";
        loginAs("ivan", PASSWORD);
        docker.push(tagged(pinned));
        String otherImage = "wharf-e2e/first-contact-other:" + System.nanoTime();
        docker.buildBusyboxImage(otherImage);
        docker.tag(otherImage, reference(pinned));
        assertRefused(docker.attemptPush(reference(pinned)), "denied: tag 1 of ivan/" + WharfServers.IMMUTABLE_REPOSITORY
                + " is immutable (rule */" + WharfServers.IMMUTABLE_REPOSITORY + ":*): it cannot be moved to another"
                + " manifest; push under a new tag");
        docker.logout(servers.registryHost());
    }

    @Test
    @Order(8)
    void skopeoCopiesTopLevelRepositoriesAndIsRefusedWithTheSameReason(@TempDir Path layouts) {
        Path copied = layouts.resolve("ubuntu");
        Skopeo.anonymous().copy("docker://" + reference("ubuntu:1"), "oci:" + copied + ":1");
        Skopeo.withCredentials(WharfServers.ADMIN_USER, WharfServers.ADMIN_PASSWORD)
                .copy("oci:" + copied + ":1", "docker://" + reference("debian:1"));

        ExternalTool.Result refused = Skopeo.withCredentials("ivan", PASSWORD)
                .attemptCopy("oci:" + copied + ":1", "docker://" + reference("fedora:1"));
        assertThat(refused.succeeded()).as(refused.describe()).isFalse();
        assertThat(refused.stderr()).contains("fedora is a top-level repository (library/fedora)");
    }

    private static void loginAs(String user, String secret) {
        docker.login(servers.registryHost(), user, secret);
    }

    private static ExternalTool.Result push(String repositoryAndTag) {
        return docker.attemptPush(tagged(repositoryAndTag));
    }

    private static String tagged(String repositoryAndTag) {
        String image = reference(repositoryAndTag);
        docker.tag(localImage, image);
        return image;
    }

    private static void assertRefused(ExternalTool.Result result, String printed) {
        assertThat(result.succeeded()).as(result.describe()).isFalse();
        assertThat(result.stderr()).as(result.describe()).contains(printed);
    }

    private static String reference(String repositoryAndTag) {
        return servers.registryHost() + "/" + repositoryAndTag;
    }
}
