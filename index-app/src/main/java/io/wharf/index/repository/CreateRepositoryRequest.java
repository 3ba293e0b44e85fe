package io.wharf.index.repository;

import jakarta.validation.constraints.NotBlank;

/** {@code name} is the full name ({@code alice/app}); {@code visibility} defaults to the configured one. */
public record CreateRepositoryRequest(@NotBlank String name, Visibility visibility) {
}
