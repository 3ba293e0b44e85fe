package io.wharf.index.repository;

import jakarta.validation.constraints.NotNull;

public record UpdateRepositoryRequest(@NotNull Visibility visibility) {
}
