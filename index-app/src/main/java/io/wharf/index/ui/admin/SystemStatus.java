package io.wharf.index.ui.admin;

import io.wharf.index.IndexApplication;
import io.wharf.index.IndexProperties;
import io.wharf.index.accesstoken.Robots;
import io.wharf.index.account.Accounts;
import io.wharf.index.org.Organizations;
import io.wharf.index.registry.RegistryClient;
import io.wharf.index.repository.ImageRepositories;
import io.wharf.index.repository.ImageTags;
import io.wharf.index.requester.Requester;
import io.wharf.index.requester.Requesters;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootVersion;
import org.springframework.stereotype.Service;

/** What the administrators' status page shows: versions, whether the registry answers, what the index holds. */
@Service
public class SystemStatus {

    private static final Logger log = LoggerFactory.getLogger(SystemStatus.class);

    private final Accounts accounts;
    private final Organizations organizations;
    private final ImageRepositories repositories;
    private final ImageTags tags;
    private final Robots robots;
    private final RegistryClient registry;
    private final URI registryUrl;

    public SystemStatus(Accounts accounts, Organizations organizations, ImageRepositories repositories, ImageTags tags,
            Robots robots, RegistryClient registry, IndexProperties properties) {
        this.accounts = accounts;
        this.organizations = organizations;
        this.repositories = repositories;
        this.tags = tags;
        this.robots = robots;
        this.registry = registry;
        this.registryUrl = properties.registryUrl();
    }

    /**
     * @param registryRepositories how many repositories the registry's catalog lists, or -1 when it did not answer
     */
    public record Report(String version, String springBootVersion, String javaVersion, Instant startedAt, Duration uptime,
            URI registryUrl, boolean registryReachable, String registryProblem, long registryRepositories,
            long accounts, long organizations, long repositories, long tags, long robots, Instant checkedAt) {
    }

    public Report report(Requester requester) {
        Requesters.requireAdministrator(requester);
        long registryRepositories = -1;
        String registryProblem = null;
        try {
            registryRepositories = registry.repositories().size();
        } catch (RuntimeException unreachable) {
            log.debug("registry status check failed", unreachable);
            registryProblem = unreachable.getMessage();
        }
        String version = IndexApplication.class.getPackage().getImplementationVersion();
        return new Report(version == null ? "development build" : version, SpringBootVersion.getVersion(),
                System.getProperty("java.version"),
                Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()),
                Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime()),
                registryUrl, registryProblem == null, registryProblem, registryRepositories,
                accounts.count(), organizations.count(), repositories.count(), tags.count(), robots.count(),
                Instant.now());
    }
}
