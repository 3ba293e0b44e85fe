package io.wharf.index.repository;

import jakarta.validation.constraints.NotBlank;

/** {@code name} is the full name ({@code alice/app}); {@code visibility} defaults to the configured one. */
public record CreateRepositoryRequest(
        @NotBlank(message = "Choose a name for the repository.") String name,
        Visibility visibility) {
}
