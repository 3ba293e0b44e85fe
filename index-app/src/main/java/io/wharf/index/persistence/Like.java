package io.wharf.index.persistence;

/** Patterns for {@code LIKE ... ESCAPE '!'}, in which {@code %} and {@code _} of the searched text match themselves. */
public final class Like {

    /** What queries write after {@code LIKE ?}. */
    public static final String ESCAPE = " ESCAPE '!'";

    private Like() {
    }

    /** Matches what contains {@code text}. */
    public static String containing(String text) {
        return "%" + startingWith(text);
    }

    /** Matches what starts with {@code text}. */
    public static String startingWith(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }
}
