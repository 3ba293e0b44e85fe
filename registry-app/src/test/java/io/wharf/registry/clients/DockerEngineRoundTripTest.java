package io.wharf.registry.clients;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The real Docker engine pushes an image it built, forgets it, and pulls it back identical. */
class DockerEngineRoundTripTest extends RegistryClientTestBase {

    @Test
    void pushedImagePullsBackWithTheSameIdAndRuns() {
        DockerEngine docker = DockerEngine.shared();
        String image = registry() + "/team/app:1";
        String builtId = docker.buildBusyboxImage(image);

        docker.push(image);
        docker.rmi(image);
        assertThat(docker.hasImage(image)).isFalse();
        docker.pull(image);

        assertThat(docker.imageId(image)).isEqualTo(builtId);
        assertThat(docker.run(image, "/bin/busybox", "echo", "hi")).isEqualTo("hi\n");
        docker.rmi(image);
    }
}
