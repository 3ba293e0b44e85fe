package io.wharf.e2e;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import io.wharf.registry.clients.ExternalTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A small Java base image made here, since nothing can be pulled from Docker Hub: a {@code jlink}ed runtime of the
 * JDK running the tests under {@code /opt/java}, plus the shared libraries {@code ldd} lists for it (glibc and
 * friends) at their paths, and an empty {@code /tmp}; {@code java} on the PATH, as Jib's entrypoint expects.
 */
final class JavaBaseImage {

    private static final Duration JLINK_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration LDD_TIMEOUT = Duration.ofSeconds(30);
    /** What a Spring Boot application with JDBC, JMX-free actuator, TLS and ES256 JWTs uses; java.se is all java.*. */
    private static final String MODULES = "java.se,jdk.crypto.ec,jdk.unsupported,jdk.zipfs,jdk.naming.dns,"
            + "jdk.management,jdk.localedata";
    private static final AbsoluteUnixPath JAVA_HOME = AbsoluteUnixPath.get("/opt/java");
    /** "libz.so.1 => /lib/x86_64-linux-gnu/libz.so.1 (0x...)" or "/lib64/ld-linux-x86-64.so.2 (0x...)". */
    private static final Pattern LIBRARY = Pattern.compile("(?:=>\\s*)?(/\\S+)\\s+\\(0x");

    private JavaBaseImage() {
    }

    /** Builds the image and pushes it as {@code reference} (a plain-HTTP registry with token authentication). */
    static JibContainer push(Path work, String reference, String username, String password) throws Exception {
        Path runtime = jlink(work.resolve("runtime"));
        Path emptyDirectory = Files.createDirectories(work.resolve("empty"));
        FileEntriesLayer.Builder libraries = FileEntriesLayer.builder().setName("system libraries");
        for (String library : sharedLibraries(runtime)) {
            // ldd names symbolic links (/lib/x86_64-linux-gnu/libc.so.6): Jib stores the content they point at.
            libraries.addEntry(Path.of(library), AbsoluteUnixPath.get(library), FilePermissions.fromOctalString("755"));
        }
        FileEntriesLayer java = FileEntriesLayer.builder().setName("java runtime")
                .addEntryRecursive(runtime, JAVA_HOME, (source, target) -> FilePermissions.fromOctalString(
                        Files.isDirectory(source) || Files.isExecutable(source) ? "755" : "644"))
                .build();
        FileEntriesLayer tmp = FileEntriesLayer.builder().setName("tmp")
                .addEntry(emptyDirectory, AbsoluteUnixPath.get("/tmp"), FilePermissions.fromOctalString("777"))
                .build();
        return Jib.fromScratch()
                .addFileEntriesLayer(libraries.build())
                .addFileEntriesLayer(java)
                .addFileEntriesLayer(tmp)
                .setEnvironment(Map.of("JAVA_HOME", JAVA_HOME.toString(),
                        "PATH", JAVA_HOME + "/bin:/usr/bin:/bin"))
                .containerize(Containerizer.to(RegistryImage.named(reference)
                                .addCredential(username, password))
                        .setAllowInsecureRegistries(true)
                        .setBaseImageLayersCache(Files.createDirectories(work.resolve("jib-cache-base")))
                        .setApplicationLayersCache(Files.createDirectories(work.resolve("jib-cache-app"))));
    }

    private static Path jlink(Path output) {
        Path javaHome = Path.of(System.getProperty("java.home"));
        Path jlink = javaHome.resolve("bin").resolve("jlink");
        if (!Files.isExecutable(jlink) || !Files.isDirectory(javaHome.resolve("jmods"))) {
            return ExternalTool.unavailable("jlink and the jmods of the running JDK (" + javaHome + ") are needed to "
                    + "make a Java base image; run the tests on a full JDK");
        }
        ExternalTool.require(jlink.toString()).run(JLINK_TIMEOUT, "--add-modules", MODULES, "--strip-debug",
                "--no-header-files", "--no-man-pages", "--compress=2", "--output", output.toString());
        return output;
    }

    /** Every library the runtime's executables and shared objects load, per {@code ldd}. */
    private static Set<String> sharedLibraries(Path runtime) throws IOException {
        ExternalTool ldd = ExternalTool.require("ldd");
        Set<String> libraries = new TreeSet<>();
        try (Stream<Path> files = Files.walk(runtime)) {
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().endsWith(".so")
                            || file.getParent().getFileName().toString().equals("bin"))
                    .toList()) {
                ExternalTool.Result result = ldd.attempt(LDD_TIMEOUT, file.toString());
                Matcher library = LIBRARY.matcher(result.stdout());
                while (library.find()) {
                    // The runtime's own libraries are already in it.
                    if (!library.group(1).startsWith(runtime.toString())) {
                        libraries.add(library.group(1));
                    }
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return libraries;
    }
}
