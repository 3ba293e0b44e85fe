package io.wharf.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.registry.clients.DockerEngine;
import io.wharf.registry.clients.ExternalTool;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A user of the company's LDAP directory (OpenLDAP, {@link WharfServers#directory()}) logs in with the real docker
 * engine and their directory password, and pushes where the team their directory group fills may push: their account
 * and their team membership come from that first sign-in.
 */
class DirectorySignInTest {

    @Test
    void aDirectoryUserLogsInWithTheDirectoryPasswordAndPushesWhereTheirTeamMay() {
        WharfServers servers = WharfServers.shared();
        servers.directory().orElseGet(() -> ExternalTool.unavailable(
                "slapd and ldap-utils are not installed; the directory sign-in test needs them (README.md)"));
        IndexApi index = new IndexApi(servers);
        index.createOrganization("directoryorg");
        index.createRepositoryAsAdmin("directoryorg/app", "private");
        index.createDirectoryTeam("directoryorg", "pushers", "write", List.of("app"), "ldap:" + WharfServers.DIRECTORY_GROUP);
        DockerEngine docker = DockerEngine.shared();
        String localImage = "wharf-e2e/directory:" + System.nanoTime();
        docker.buildBusyboxImage(localImage);
        String teamImage = servers.registryHost() + "/directoryorg/app:1";
        String otherImage = servers.registryHost() + "/directoryorg/other:1";
        docker.tag(localImage, teamImage);
        docker.tag(localImage, otherImage);

        docker.login(servers.registryHost(), WharfServers.DIRECTORY_USER, WharfServers.DIRECTORY_PASSWORD);
        try {
            docker.push(teamImage);
            // The team's write role is on app only: the organization's other repositories stay closed.
            ExternalTool.Result refused = docker.attemptPush(otherImage);
            assertThat(refused.succeeded()).as(refused.describe()).isFalse();
        } finally {
            docker.logout(servers.registryHost());
            docker.rmi(localImage, teamImage, otherImage);
        }
    }
}
