package io.wharf.index.repository;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A change of repository settings: each field that is present is changed.
 *
 * @param shortDescription plain text on one line, at most 100 characters ({@code ""} clears it)
 * @param fullDescription Markdown, stored as written, at most 100,000 characters
 */
public record UpdateRepositoryRequest(
        Visibility visibility,
        @Size(max = 100, message = "The short description has at most 100 characters.")
        @Pattern(regexp = "\\P{Cntrl}*", message = "The short description is one line of text, without control characters.")
        String shortDescription,
        @Size(max = 100_000, message = "The full description has at most 100,000 characters.") String fullDescription) {

    boolean isEmpty() {
        return visibility == null && shortDescription == null && fullDescription == null;
    }
}
