package io.wharf.index.account;

import jakarta.validation.constraints.NotNull;

/** {@code currentPassword} is required when users change their own password, not when an administrator does. */
public record ChangePasswordRequest(
        String currentPassword,
        @NotNull(message = "Choose a new password.") String newPassword) {
}
