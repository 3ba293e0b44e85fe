package io.wharf.index.account;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A new account. {@code administrator} and {@code emailConfirmed} may only be set by administrators;
 * left out, they mean "no" and "yes" (an administrator vouches for the address).
 */
public record CreateAccountRequest(
        @NotBlank String username,
        @NotBlank @Email @Size(max = 254) String email,
        @NotNull String password,
        Boolean administrator,
        Boolean emailConfirmed) {
}
