package io.wharf.index.repository;

import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The {@code docker} commands the pages show (pull, push, login), with the registry's public address
 * ({@code wharf.index.registry-host}, such as {@code registry.example.com} or {@code 127.0.0.1:5000});
 * when that is not set, the host and port of {@code wharf.index.registry-url}, which is right when users
 * reach the registry at the address the index uses. Templates call it as {@code ${@dockerCommands.login(...)}}.
 */
@Component("dockerCommands")
public class DockerCommands {

    private final String registryHost;

    DockerCommands(@Value("${wharf.index.registry-host}") String registryHost,
            @Value("${wharf.index.registry-url}") URI registryUrl) {
        this.registryHost = registryHost.isBlank() ? hostAndPort(registryUrl) : registryHost.strip();
    }

    public String registryHost() {
        return registryHost;
    }

    /** {@code docker pull HOST/NAME}, with {@code :TAG} unless the tag is absent or {@code latest}. */
    public String pull(String repository, String tag) {
        boolean implicit = tag == null || tag.equals("latest");
        return "docker pull " + registryHost + "/" + repository + (implicit ? "" : ":" + tag);
    }

    /** {@code docker pull HOST/NAME:TAG}, the tag always written out: the command of one tag's row. */
    public String pullTag(String repository, String tag) {
        return "docker pull " + registryHost + "/" + repository + ":" + tag;
    }

    /** {@code docker pull HOST/NAME@sha256:...}: exactly this manifest, whatever its tags point at later. */
    public String pullDigest(String repository, String digest) {
        return "docker pull " + registryHost + "/" + repository + "@" + digest;
    }

    /** {@code docker push HOST/NAME:TAG}. */
    public String push(String repository, String tag) {
        return "docker push " + registryHost + "/" + repository + ":" + tag;
    }

    /** {@code docker login -u USER HOST}; docker then asks for the password or token. */
    public String login(String username) {
        return "docker login -u " + username + " " + registryHost;
    }

    private static String hostAndPort(URI url) {
        return url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort();
    }
}
