package io.wharf.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.registry.clients.DockerEngine;
import io.wharf.registry.clients.ExternalTool;
import io.wharf.registry.clients.Skopeo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3 end to end: the real docker engine logs in to the registry with index accounts (password and
 * access token), and pushes and pulls only what the index's permissions allow; skopeo with --creds too.
 * One image is built once and tagged into every repository the steps need.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DockerTokenAuthenticationTest {

    private static final String ALICE_PASSWORD = IndexApi.STRONG_PASSWORD + "-1";
    private static final String BOB_PASSWORD = IndexApi.STRONG_PASSWORD + "-2";
    private static final String CAROL_PASSWORD = IndexApi.STRONG_PASSWORD + "-3";
    private static final String DAVE_PASSWORD = IndexApi.STRONG_PASSWORD + "-4";
    private static final String LOCKED_PASSWORD = IndexApi.STRONG_PASSWORD + "-5";

    private static WharfServers servers;
    private static IndexApi index;
    private static DockerEngine docker;
    private static String localImage;
    private static String imageId;

    @BeforeAll
    static void setUp() {
        servers = WharfServers.shared();
        index = new IndexApi(servers);
        index.createUser("alice", ALICE_PASSWORD);
        index.createUser("bobby", BOB_PASSWORD);
        index.createUser("carol", CAROL_PASSWORD);
        index.createUser("davey", DAVE_PASSWORD);
        index.createOrganization("acme");
        index.setMember("acme", "carol", "write");
        index.setMember("acme", "davey", "read");
        docker = DockerEngine.shared();
        localImage = "wharf-e2e/auth:" + System.nanoTime();
        imageId = docker.buildBusyboxImage(localImage);
    }

    @Test
    @Order(1)
    void ownerLogsInWithPasswordPushesAndPullsBack() {
        String image = reference("alice/app:1");
        docker.login(servers.registryHost(), "alice", ALICE_PASSWORD);
        docker.tag(localImage, image);
        docker.push(image);
        docker.rmi(image);
        docker.pull(image);
        assertThat(docker.imageId(image)).isEqualTo(imageId);
        docker.logout(servers.registryHost());
    }

    @Test
    @Order(2)
    void anonymousPullOfAPrivateRepositoryFailsAndOfAPublicOneWorks() {
        String privateImage = reference("alice/app:1");
        removeLocally(privateImage);
        ExternalTool.Result denied = docker.attemptPull(privateImage);
        assertThat(denied.succeeded()).as(denied.describe()).isFalse();

        docker.login(servers.registryHost(), "alice", ALICE_PASSWORD);
        String publicImage = reference("alice/public-app:1");
        docker.tag(localImage, publicImage);
        docker.push(publicImage);
        docker.logout(servers.registryHost());
        index.setVisibility("alice/public-app", "public");

        removeLocally(publicImage);
        docker.pull(publicImage);
        assertThat(docker.imageId(publicImage)).isEqualTo(imageId);
    }

    @Test
    @Order(3)
    void anotherUserCannotPushIntoSomeoneElsesNamespace() {
        docker.login(servers.registryHost(), "bobby", BOB_PASSWORD);
        String intruder = reference("alice/app:bobby");
        docker.tag(localImage, intruder);
        ExternalTool.Result refused = docker.attemptPush(intruder);
        assertThat(refused.succeeded()).as(refused.describe()).isFalse();
        assertThat(refused.stderr() + refused.stdout()).containsAnyOf("denied", "unauthorized");
        ExternalTool.Result privatePull = docker.attemptPull(reference("alice/app:1"));
        assertThat(privatePull.succeeded()).as(privatePull.describe()).isFalse();
        docker.logout(servers.registryHost());
    }

    @Test
    @Order(4)
    void organizationWritersPushAndReadersOnlyPull() {
        String tool = reference("acme/tool:1");
        docker.login(servers.registryHost(), "carol", CAROL_PASSWORD);
        docker.tag(localImage, tool);
        docker.push(tool);
        docker.logout(servers.registryHost());

        docker.login(servers.registryHost(), "davey", DAVE_PASSWORD);
        String attempt = reference("acme/tool:2");
        docker.tag(localImage, attempt);
        ExternalTool.Result refused = docker.attemptPush(attempt);
        assertThat(refused.succeeded()).as(refused.describe()).isFalse();
        removeLocally(tool);
        docker.pull(tool);
        assertThat(docker.imageId(tool)).isEqualTo(imageId);
        docker.logout(servers.registryHost());
    }

    @Test
    @Order(5)
    void anAccessTokenWorksAsTheLoginPassword() {
        String token = index.createAccessToken("alice", ALICE_PASSWORD, "read-write");
        docker.login(servers.registryHost(), "alice", token);
        String image = reference("alice/app:token");
        docker.tag(localImage, image);
        docker.push(image);
        docker.logout(servers.registryHost());

        String readOnly = index.createAccessToken("alice", ALICE_PASSWORD, "read-only");
        docker.login(servers.registryHost(), "alice", readOnly);
        String refusedImage = reference("alice/app:read-only");
        docker.tag(localImage, refusedImage);
        ExternalTool.Result refused = docker.attemptPush(refusedImage);
        assertThat(refused.succeeded()).as(refused.describe()).isFalse();
        removeLocally(image);
        docker.pull(image);
        docker.logout(servers.registryHost());
    }

    @Test
    @Order(6)
    void afterLogoutAPrivatePullFails() {
        String image = reference("alice/app:1");
        docker.login(servers.registryHost(), "alice", ALICE_PASSWORD);
        removeLocally(image);
        docker.pull(image);
        docker.logout(servers.registryHost());
        removeLocally(image);
        ExternalTool.Result denied = docker.attemptPull(image);
        assertThat(denied.succeeded()).as(denied.describe()).isFalse();
    }

    @Test
    @Order(7)
    void skopeoCopiesWithCredentialsAndIsRefusedWithout(@TempDir Path layouts) throws Exception {
        String source = "docker://" + reference("alice/app:1");
        Path copied = layouts.resolve("copied");
        Skopeo.withCredentials("alice", ALICE_PASSWORD).copy(source, "oci:" + copied + ":1");
        assertThat(Files.exists(copied.resolve("index.json"))).isTrue();

        ExternalTool.Result anonymous = Skopeo.anonymous().attemptCopy(source, "oci:" + layouts.resolve("anon") + ":1");
        assertThat(anonymous.succeeded()).as(anonymous.describe()).isFalse();
        ExternalTool.Result wrongUser = Skopeo.withCredentials("bobby", BOB_PASSWORD)
                .attemptCopy(source, "oci:" + layouts.resolve("bob") + ":1");
        assertThat(wrongUser.succeeded()).as(wrongUser.describe()).isFalse();
        ExternalTool.Result wrongPassword = Skopeo.withCredentials("alice", "not-her-password")
                .attemptCopy(source, "oci:" + layouts.resolve("wrong") + ":1");
        assertThat(wrongPassword.succeeded()).as(wrongPassword.describe()).isFalse();

        Skopeo.withCredentials("carol", CAROL_PASSWORD)
                .copy("oci:" + copied + ":1", "docker://" + reference("acme/copied:1"));
        assertThat(Skopeo.withCredentials("davey", DAVE_PASSWORD).inspectRaw("docker://" + reference("acme/copied:1")))
                .contains("\"layers\"");
    }

    @Test
    @Order(8)
    void aRefusedLoginSaysWhyWithoutTellingWhetherTheAccountExists() {
        String wrongPassword = refusedLogin("alice", "not-her-password");
        assertThat(wrongPassword).contains("unauthorized: invalid username or password: check both "
                + "(an access token works as the password too), or reset the password on the index's login page");
        assertThat(refusedLogin("nobody-" + System.nanoTime() % 100_000, "not-her-password"))
                .isEqualTo(wrongPassword);

        index.createUser("lockedlou", LOCKED_PASSWORD);
        index.lock("lockedlou");
        assertThat(refusedLogin("lockedlou", LOCKED_PASSWORD))
                .contains("unauthorized: this account is locked: ask an administrator of this registry to unlock it");
        assertThat(refusedLogin("lockedlou", "not-his-password")).isEqualTo(wrongPassword);

        // Guesses for one name from this address: first refused, then delayed, each time a little longer.
        String throttled = null;
        for (int attempt = 1; attempt <= 12 && throttled == null; attempt++) {
            String refusal = refusedLogin("davey", "guess-" + attempt);
            if (refusal.contains("toomanyrequests")) {
                throttled = refusal;
            }
        }
        assertThat(throttled).as("a docker login refused as throttled").isNotNull()
                .containsPattern("toomanyrequests: too many failed sign-ins for this name from this address; "
                        + "retry in \\d+ seconds");
    }

    /** The line the engine prints for a refused login, from "Error response from daemon" on. */
    private static String refusedLogin(String user, String password) {
        ExternalTool.Result refused = docker.attemptLogin(servers.registryHost(), user, password);
        assertThat(refused.succeeded()).as(refused.describe()).isFalse();
        String output = refused.stderr().strip();
        return output.substring(output.lastIndexOf("Error response from daemon"));
    }

    private static String reference(String repositoryAndTag) {
        return servers.registryHost() + "/" + repositoryAndTag;
    }

    private static void removeLocally(String reference) {
        if (docker.hasImage(reference)) {
            docker.rmi(reference);
        }
    }
}
