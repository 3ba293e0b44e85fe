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
        @NotBlank(message = "Choose a username.") String username,
        @NotBlank(message = "Enter your email address.")
        @Email(message = "Enter an email address such as name@example.com.")
        @Size(max = 254, message = "An email address has at most 254 characters.") String email,
        @NotNull(message = "Choose a password.") String password,
        Boolean administrator,
        Boolean emailConfirmed) {
}
