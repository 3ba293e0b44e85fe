package io.wharf.index.org;

import jakarta.validation.constraints.NotBlank;

public record CreateOrganizationRequest(@NotBlank(message = "Choose a name for the organization.") String name) {
}
