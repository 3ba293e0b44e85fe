package io.wharf.e2e;

import io.wharf.registry.clients.ExternalTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * podman (Debian 4.3) in a home of its own: its logins, Docker's config it also reads ({@code ~/.docker}), its
 * runtime folder and its image storage are all below {@code home}, so it never sees the machine's. Registries on
 * 127.0.0.1 speak plain HTTP, so TLS verification is off. {@code podman run} does not work in these VMs; login,
 * pull, tag and push do.
 */
final class Podman {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private final ExternalTool podman;
    private final Path home;

    private Podman(ExternalTool podman, Path home) {
        this.podman = podman;
        this.home = home;
    }

    static Podman inHome(Path home) {
        try {
            Files.createDirectories(home.resolve("run"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Podman(ExternalTool.require("podman").withEnvironment(Map.of(
                "HOME", home.toString(),
                "XDG_RUNTIME_DIR", home.resolve("run").toString(),
                "XDG_CONFIG_HOME", home.resolve(".config").toString(),
                "XDG_DATA_HOME", home.resolve(".local/share").toString())), home);
    }

    /** Where the Docker CLI of this home keeps its logins, and where podman looks for them. */
    Path dockerConfigDirectory() {
        return home.resolve(".docker");
    }

    /** The same podman with more environment, e.g. {@code DOCKER_CONFIG}. */
    Podman withEnvironment(Map<String, String> variables) {
        return new Podman(podman.withEnvironment(variables), home);
    }

    ExternalTool.Result attemptLogin(String registry, String user, String password) {
        return podman.attempt(TIMEOUT, arguments("login", "--tls-verify=false", "--username", user, "--password",
                password, registry));
    }

    void pull(String reference) {
        podman.run(TIMEOUT, arguments("pull", "--tls-verify=false", reference));
    }

    void tag(String source, String target) {
        podman.run(TIMEOUT, arguments("tag", source, target));
    }

    void push(String reference) {
        podman.run(TIMEOUT, arguments("push", "--tls-verify=false", reference));
    }

    /** The image id podman gives {@code reference}: the digest of its config, as Docker's. */
    String imageId(String reference) {
        return "sha256:" + podman.run(TIMEOUT, arguments("image", "inspect", "--format", "{{.Id}}", reference)).strip();
    }

    /** Global options first: storage and state below the home, no systemd or journald. */
    private String[] arguments(String... command) {
        List<String> global = List.of(
                "--root", home.resolve("storage").toString(),
                "--runroot", home.resolve("runroot").toString(),
                "--storage-driver", "vfs",
                "--cgroup-manager", "cgroupfs",
                "--events-backend", "file");
        return Stream.concat(global.stream(), Stream.of(command)).toArray(String[]::new);
    }
}
