package io.wharf.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.registry.clients.DockerEngine;
import io.wharf.registry.clients.ExternalTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * podman on a machine where docker logged in to Wharf: docker keeps Wharf's identity token in its config, which
 * podman reads too. What the README says to do about it, checked with both real clients.
 */
class PodmanNextToDockerTest {

    private static final String PASSWORD = IndexApi.STRONG_PASSWORD + "-peg";

    @Test
    void podmanUsesDockersLoginOrLogsInWithADockerConfigFolderOfItsOwn(@TempDir Path home)
            throws IOException {
        WharfServers servers = WharfServers.shared();
        new IndexApi(servers).createUser("peggy", PASSWORD);
        String registry = servers.registryHost();
        DockerEngine docker = DockerEngine.shared().withConfigDirectory(home.resolve(".docker"));
        Podman podman = Podman.inHome(home);
        String pushedByDocker = registry + "/peggy/app:docker";
        String localImage = "wharf-e2e/podman:" + System.nanoTime();
        String imageId = docker.buildBusyboxImage(localImage);
        docker.login(registry, "peggy", PASSWORD);
        docker.tag(localImage, pushedByDocker);
        docker.push(pushedByDocker);
        assertThat(Files.readString(podman.dockerConfigDirectory().resolve("config.json"))).contains("identitytoken");

        // The problem: podman refuses to log in over Docker's identity token.
        ExternalTool.Result refused = podman.attemptLogin(registry, "peggy", PASSWORD);
        assertThat(refused.succeeded()).as(refused.describe()).isFalse();
        assertThat(refused.stderr()).contains("currently logged in, auth file contains an Identity token");

        // Way around 1: no podman login at all; podman signs in with Docker's identity token.
        podman.pull(pushedByDocker);
        assertThat(podman.imageId(pushedByDocker)).isEqualTo(imageId);
        String pushedByPodman = registry + "/peggy/app:podman";
        podman.tag(pushedByDocker, pushedByPodman);
        podman.push(pushedByPodman);

        // Way around 2: podman with a Docker config folder of its own, where its login goes; docker stays logged in.
        Podman ownLogin = podman.withEnvironment(Map.of("DOCKER_CONFIG", home.resolve("podman-docker").toString()));
        ExternalTool.Result loggedIn = ownLogin.attemptLogin(registry, "peggy", PASSWORD);
        assertThat(loggedIn.succeeded()).as(loggedIn.describe()).isTrue();
        String pushedAfterLogin = registry + "/peggy/app:podman-login";
        ownLogin.tag(pushedByDocker, pushedAfterLogin);
        ownLogin.push(pushedAfterLogin);
        ownLogin.pull(pushedByPodman);
        assertThat(ownLogin.imageId(pushedByPodman)).isEqualTo(imageId);
        docker.pull(pushedAfterLogin);
        assertThat(docker.imageId(pushedAfterLogin)).isEqualTo(imageId);

        docker.rmi(localImage, pushedByDocker, pushedAfterLogin);
        docker.logout(registry);
    }
}
