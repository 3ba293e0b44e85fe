package io.wharf.index.repository;

import io.wharf.index.role.Role;

public record CollaboratorView(String username, Role role) {

    static CollaboratorView of(Collaborator collaborator) {
        return new CollaboratorView(collaborator.username(), collaborator.role());
    }
}
