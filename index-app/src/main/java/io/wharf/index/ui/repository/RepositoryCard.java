package io.wharf.index.ui.repository;

import io.wharf.index.repository.RepositoryView;
import io.wharf.index.repository.Visibility;
import java.time.Instant;

/**
 * One card of a page that lists repositories (templates/repository/cards.html), its texts written here rather than by
 * template expressions. Public, as {@link TagRow} is: Thymeleaf's expression compiler turns a property read into
 * bytecode only on a public type, and reads it by reflection otherwise. The link and the push time were a link
 * expression and a call of the {@code pageFormats} bean, which it cannot compile at all; explore evaluates each 25
 * times a page.
 *
 * @param namespace what the pull-through caches' marks are looked up by
 * @param description the short description, {@code null} when there is none
 */
public record RepositoryCard(String name, String namespace, String link, String visibility, boolean isPrivate,
        String description, String stars, String starsTitle, String pushed) {

    static RepositoryCard of(RepositoryView repository, PageFormats formats) {
        String description = repository.shortDescription();
        long stars = repository.starCount();
        Instant pushedAt = repository.lastPushedAt();
        return new RepositoryCard(repository.name(), repository.namespace(),
                RepositoryPageAddress.of(repository.name(), ""), repository.visibility().wireName(),
                repository.visibility() == Visibility.PRIVATE,
                description == null || description.isEmpty() ? null : description,
                "★ " + stars, stars == 1 ? "1 star" : stars + " stars",
                pushedAt == null ? "never pushed" : "pushed " + formats.time(pushedAt));
    }
}
