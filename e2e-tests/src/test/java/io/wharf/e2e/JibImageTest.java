package io.wharf.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.tools.jib.api.JibContainer;
import io.restassured.path.json.JsonPath;
import io.wharf.registry.clients.ExternalTool;
import io.wharf.registry.clients.Skopeo;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7: the apps' container images, built by the project's own {@code jib} Maven profile (no Dockerfile, no
 * daemon), are pushed into a running Wharf with authentication on. Its base image is made and pushed here first
 * ({@link JavaBaseImage}), since nothing can be pulled from Docker Hub. skopeo then reads the result back (layers,
 * entrypoint, ports, volume, environment), and the image's root filesystem runs its entrypoint as a registry that
 * gets ready and answers {@code /v2/}.
 */
class JibImageTest {

    private static final String USER = "imagebuilder";
    private static final String PASSWORD = IndexApi.STRONG_PASSWORD;
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(12);

    private static WharfServers servers;

    @TempDir
    static Path work;

    @BeforeAll
    static void setUp() {
        servers = WharfServers.shared();
        new IndexApi(servers).createUser(USER, PASSWORD);
        // Jib refuses to send credentials over plain HTTP unless told so; the loopback Wharf speaks HTTP.
        System.setProperty("sendCredentialsOverHttp", "true");
    }

    @Test
    void theJibProfileBuildsBothAppsFromAGivenBaseIntoWharfAndRegistryAppsImageRuns() throws Exception {
        String base = servers.registryHost() + "/" + USER + "/java-base:17";
        JibContainer baseImage = JavaBaseImage.push(work.resolve("base"), base, USER, PASSWORD);
        String prefix = servers.registryHost() + "/" + USER + "/";
        String image = prefix + "registry-app:e2e";

        runJibProfile(base, prefix);

        Skopeo skopeo = Skopeo.withCredentials(USER, PASSWORD);
        JsonPath baseManifest = JsonPath.from(skopeo.inspectRaw("docker://" + base));
        JsonPath manifest = JsonPath.from(skopeo.inspectRaw("docker://" + image));
        List<String> baseLayers = baseManifest.getList("layers.digest");
        List<String> layers = manifest.getList("layers.digest");
        assertThat(baseManifest.getString("config.digest")).isEqualTo(baseImage.getImageId().toString());
        // FROM the given base: its layers first, then Jib's (dependencies, resources, classes, ...).
        assertThat(layers.subList(0, baseLayers.size())).isEqualTo(baseLayers);
        assertThat(layers.size()).isGreaterThanOrEqualTo(baseLayers.size() + 3);

        JsonPath config = imageConfig(image);
        assertThat(config.getList("config.Entrypoint", String.class))
                .startsWith("java").contains("io.wharf.registry.RegistryApplication");
        assertThat(config.getMap("config.ExposedPorts")).containsOnlyKeys("5000/tcp");
        assertThat(config.getMap("config.Volumes")).containsOnlyKeys("/var/lib/wharf");
        assertThat(config.getList("config.Env", String.class))
                .contains("WHARF_DATA_DIR=/var/lib/wharf", "JAVA_HOME=/opt/java", "MALLOC_ARENA_MAX=2")
                .anySatisfy(variable -> assertThat(variable).startsWith("JAVA_TOOL_OPTIONS=-Xmx88m ")
                        .endsWith(" -Dspring.aot.enabled=true"));
        JsonPath indexConfig = imageConfig(prefix + "index-app:e2e");
        assertThat(indexConfig.getList("config.Entrypoint", String.class)).contains("io.wharf.index.IndexApplication");
        assertThat(indexConfig.getList("config.Env", String.class))
                .anySatisfy(variable -> assertThat(variable).startsWith("JAVA_TOOL_OPTIONS=-Xmx128m ")
                        .endsWith(" -Dspring.aot.enabled=true"));
        assertThat(indexConfig.getMap("config.ExposedPorts")).containsOnlyKeys("8080/tcp");

        Path rootfs = unpack(image);
        assertThat(rootfs.resolve("app/classes/io/wharf/registry/RegistryApplication.class")).isRegularFile();
        assertThat(rootfs.resolve("app/classes/io/wharf/registry")).isDirectoryContaining(
                "glob:**/RegistryApplication__ApplicationContextInitializer.class");
        assertThat(rootfs.resolve("app/resources/application.yml")).isRegularFile();

        runAsAContainerWould(rootfs, config);
    }

    /**
     * Runs the image's entrypoint with its environment in the unpacked layers as root directory, in PID and mount
     * namespaces of its own (what a container runtime does, minus the network namespace, so the test can reach it),
     * and expects a working registry: it gets ready and answers the distribution API.
     */
    private static void runAsAContainerWould(Path rootfs, JsonPath config) throws Exception {
        ExternalTool.requireRoot("running the image in a chroot");
        Path unshare = ExternalTool.requireTool("unshare");
        Path chroot = ExternalTool.requireTool("chroot");
        Files.createDirectories(rootfs.resolve("proc"));
        Files.createDirectories(rootfs.resolve("dev"));
        for (String[] device : List.of(new String[] {"null", "3"}, new String[] {"random", "8"},
                new String[] {"urandom", "9"})) {
            ExternalTool.require("mknod").run(Duration.ofSeconds(10), rootfs.resolve("dev").resolve(device[0])
                    .toString(), "c", "1", device[1]);
        }
        int port = WharfServers.freePort();
        List<String> command = new ArrayList<>(List.of(unshare.toString(), "--pid", "--mount-proc=" + rootfs.resolve(
                "proc"), "--kill-child", chroot.toString(), rootfs.toString()));
        command.addAll(config.getList("config.Entrypoint", String.class));
        command.addAll(List.of("--server.port=" + port, "--server.address=127.0.0.1",
                // any free port: this test needs only the public probe, and the default may be taken on this host
                "--management.server.port=0", "--wharf.registry.auth.enabled=false"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("container.log").toFile());
        builder.environment().clear();
        for (String variable : config.getList("config.Env", String.class)) {
            builder.environment().put(variable.substring(0, variable.indexOf('=')),
                    variable.substring(variable.indexOf('=') + 1));
        }
        Process container = builder.start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            awaitReady(http, port, container);
            HttpResponse<String> base = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/v2/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(base.statusCode()).isEqualTo(200);
            assertThat(base.headers().firstValue("Docker-Distribution-API-Version")).hasValue("registry/2.0");
            assertThat(rootfs.resolve("var/lib/wharf/registry/db")).isDirectory();
            assertThat(Files.readString(work.resolve("container.log"))).contains("Starting AOT-processed");
        } finally {
            // unshare blocks SIGTERM while it waits for its child: stop the registry inside, and unshare ends with it
            container.descendants().forEach(ProcessHandle::destroy);
            if (!container.waitFor(30, TimeUnit.SECONDS)) {
                container.descendants().forEach(ProcessHandle::destroyForcibly);
                container.destroyForcibly();
            }
        }
    }

    private static void awaitReady(HttpClient http, int port, Process container) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline) && container.isAlive()) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + port + "/readyz")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the image's registry did not get ready:\n" + tail(work.resolve("container.log")));
    }

    /**
     * {@code ./mvnw -Pjib ... package jib:build}, the profile as an operator runs it (both apps' images, named
     * {@code <prefix><app>:e2e}), in a build folder of its own.
     */
    private static void runJibProfile(String base, String prefix) throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("wharf.project.root")).toAbsolutePath().normalize();
        Path log = work.resolve("jib-build.log");
        // Not -o: Jib refuses to push in offline mode. Everything it needs is in the local repository already (the
        // e2e module's build resolves the plugin), so nothing is downloaded.
        List<String> command = new ArrayList<>(List.of(root.resolve("mvnw").toString(), "-B", "-Pjib",
                "-Djib.disableUpdateChecks=true",
                // Its own output folder: the running servers' jars must not be rewritten under them.
                "-Dwharf.target=" + System.getProperty("wharf.target", "target") + "-jib-image-test",
                // The apps and what they depend on; the library modules are skipped by Jib.
                "-pl", "wharf-contract,storage-backends,registry-app,web-ui,index-app", "-DskipTests",
                "-Djib.from.image=" + base, "-Dwharf.image.prefix=" + prefix, "-Dwharf.image.tag=e2e",
                "-Djib.from.auth.username=" + USER, "-Djib.from.auth.password=" + PASSWORD,
                "-Djib.to.auth.username=" + USER, "-Djib.to.auth.password=" + PASSWORD,
                "-Djib.allowInsecureRegistries=true", "-DsendCredentialsOverHttp=true",
                "-Djib.baseImageCache=" + work.resolve("jib-cache-base"),
                "-Djib.applicationCache=" + work.resolve("jib-cache-app"),
                "package", "jib:build"));
        Process build = new ProcessBuilder(command).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        build.getOutputStream().close();
        if (!build.waitFor(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            build.descendants().forEach(ProcessHandle::destroyForcibly);
            build.destroyForcibly();
            throw new AssertionError("the jib build took over " + BUILD_TIMEOUT + ":\n" + tail(log));
        }
        assertThat(build.exitValue()).as("%s\n%s", String.join(" ", command), tail(log)).isZero();
    }

    /** The image's layers, copied out with skopeo and extracted in order into one folder: its root filesystem. */
    private static Path unpack(String image) throws IOException {
        Path copy = work.resolve("image-copy");
        Path rootfs = Files.createDirectories(work.resolve("rootfs"));
        Skopeo.withCredentials(USER, PASSWORD).copy("docker://" + image, "dir:" + copy);
        ExternalTool tar = ExternalTool.require("tar");
        JsonPath manifest = JsonPath.from(copy.resolve("manifest.json").toFile());
        for (String digest : manifest.<String>getList("layers.digest")) {
            Path layer = copy.resolve(digest.substring(digest.indexOf(':') + 1));
            tar.run(Duration.ofMinutes(2), "-xzf", layer.toString(), "-C", rootfs.toString());
        }
        return rootfs;
    }

    private static JsonPath imageConfig(String image) {
        return JsonPath.from(ExternalTool.require("skopeo").run(Duration.ofMinutes(2), "inspect", "--config",
                "--tls-verify=false", "--creds", USER + ":" + PASSWORD, "docker://" + image));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
