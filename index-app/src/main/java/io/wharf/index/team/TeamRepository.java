package io.wharf.index.team;

/**
 * A repository a team acts on with its role. The repository is held by id: repositories are above teams (the
 * permission decision reads teams), and the database drops the row with the repository.
 */
public record TeamRepository(long teamId, long repositoryId) {
}
