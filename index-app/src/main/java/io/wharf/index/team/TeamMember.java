package io.wharf.index.team;

/** An account in a team. */
public record TeamMember(long id, long teamId, long accountId, String username) {
}
