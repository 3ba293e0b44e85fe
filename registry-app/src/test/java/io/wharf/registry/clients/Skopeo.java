package io.wharf.registry.clients;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * skopeo (Debian package), the client that copies images between transports without a daemon:
 * {@code oci:DIR:TAG}, {@code docker://HOST:PORT/NAME:TAG} or {@code docker://HOST:PORT/NAME@DIGEST}, ...
 * The test registries speak plain HTTP, so TLS verification is always off.
 */
public final class Skopeo {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final String REGISTRY_TRANSPORT = "docker://";

    private final ExternalTool skopeo;
    /** {@code user:password} for registry references, or null to access them anonymously. */
    private final String credentials;

    private Skopeo(String credentials) {
        this.skopeo = ExternalTool.require("skopeo");
        this.credentials = credentials;
    }

    public static Skopeo anonymous() {
        return new Skopeo(null);
    }

    public static Skopeo withCredentials(String user, String password) {
        return new Skopeo(user + ":" + password);
    }

    /** Copies one image (for an index: the image of the current platform only). */
    public void copy(String source, String destination) {
        skopeo.run(TIMEOUT, copyArguments(source, destination, false));
    }

    /** A copy that may be refused: the caller checks the result (for permission tests). */
    public ExternalTool.Result attemptCopy(String source, String destination) {
        return skopeo.attempt(TIMEOUT, copyArguments(source, destination, false));
    }

    /** Copies an image index with every image it lists; a single image is copied as {@link #copy} would. */
    public void copyAll(String source, String destination) {
        skopeo.run(TIMEOUT, copyArguments(source, destination, true));
    }

    /** The manifest (or index) exactly as the source serves it. */
    public String inspectRaw(String reference) {
        List<String> arguments = new ArrayList<>(List.of("inspect", "--raw", "--tls-verify=false"));
        if (credentials != null && reference.startsWith(REGISTRY_TRANSPORT)) {
            arguments.addAll(List.of("--creds", credentials));
        }
        arguments.add(reference);
        return skopeo.run(TIMEOUT, arguments.toArray(String[]::new));
    }

    private String[] copyArguments(String source, String destination, boolean all) {
        List<String> arguments = new ArrayList<>(
                List.of("copy", "--src-tls-verify=false", "--dest-tls-verify=false"));
        if (all) {
            arguments.add("--all");
        }
        if (credentials != null && source.startsWith(REGISTRY_TRANSPORT)) {
            arguments.addAll(List.of("--src-creds", credentials));
        }
        if (credentials != null && destination.startsWith(REGISTRY_TRANSPORT)) {
            arguments.addAll(List.of("--dest-creds", credentials));
        }
        arguments.addAll(List.of(source, destination));
        return arguments.toArray(String[]::new);
    }
}
