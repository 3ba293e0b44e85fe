package io.wharf.index.repository;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A repository's place in the push order (most recently pushed first, never pushed last, ties by name), as the links
 * of explore's pages carry it: the values themselves, so that a link still leads on after that repository is deleted
 * or pushed again. Its text is {@code <push time>~<full name>}, the push time {@code never} for one never pushed.
 *
 * @param pushedAt null for a repository never pushed
 */
public record PushPosition(Instant pushedAt, RepositoryPath path) {

    private static final String SEPARATOR = "~";
    private static final String NEVER = "never";

    public static PushPosition of(RepositoryView repository) {
        return new PushPosition(repository.lastPushedAt(), new RepositoryPath(repository.namespace(),
                repository.name().substring(repository.namespace().length() + 1)));
    }

    /** The position {@link #text()} wrote, or nothing when {@code text} is not one. */
    public static Optional<PushPosition> parse(String text) {
        int separator = text.indexOf(SEPARATOR);
        if (separator < 0) {
            return Optional.empty();
        }
        String time = text.substring(0, separator);
        Instant pushedAt;
        try {
            pushedAt = time.equals(NEVER) ? null : Instant.parse(time);
        } catch (DateTimeParseException unreadable) {
            return Optional.empty();
        }
        if (pushedAt != null && !PushTimes.storable(pushedAt)) {
            return Optional.empty();
        }
        return RepositoryPath.parse(text.substring(separator + 1)).map(path -> new PushPosition(pushedAt, path));
    }

    public String text() {
        return (pushedAt == null ? NEVER : pushedAt.toString()) + SEPARATOR + path.fullName();
    }

    boolean neverPushed() {
        return pushedAt == null;
    }
}
