package io.wharf.index.org;

import io.wharf.index.role.Role;

public record MemberView(String username, Role role) {

    static MemberView of(Membership membership) {
        return new MemberView(membership.username(), membership.role());
    }
}
