package io.wharf.index.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class DockerCommandsTest {

    @Test
    void theConfiguredHostWins() {
        DockerCommands commands = new DockerCommands(" registry.example.com ", URI.create("http://10.0.0.5:5000"));

        assertThat(commands.pull("acme/team/app", "1.0")).isEqualTo("docker pull registry.example.com/acme/team/app:1.0");
        assertThat(commands.pull("acme/app", "latest")).isEqualTo("docker pull registry.example.com/acme/app");
        assertThat(commands.pull("acme/app", null)).isEqualTo("docker pull registry.example.com/acme/app");
        assertThat(commands.push("acme/app", "TAG")).isEqualTo("docker push registry.example.com/acme/app:TAG");
        assertThat(commands.login("acme+ci")).isEqualTo("docker login -u acme+ci registry.example.com");
    }

    @Test
    void withoutOneTheRegistryUrlsHostAndPortAreUsed() {
        assertThat(new DockerCommands("", URI.create("http://127.0.0.1:5000")).registryHost()).isEqualTo("127.0.0.1:5000");
        assertThat(new DockerCommands("", URI.create("https://registry.internal")).registryHost()).isEqualTo("registry.internal");
    }
}
