package io.wharf.index.error;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How enum constants appear in JSON: lowercase, with dashes ({@code READ_ONLY} is {@code "read-only"}).
 * Unknown values are rejected with a message that lists the accepted ones, answered 400.
 */
public final class WireNames {

    private WireNames() {
    }

    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static <E extends Enum<E>> E parse(Class<E> type, String wireName) {
        for (E constant : type.getEnumConstants()) {
            if (of(constant).equals(wireName)) {
                return constant;
            }
        }
        String accepted = Arrays.stream(type.getEnumConstants()).map(WireNames::of).collect(Collectors.joining(", "));
        throw new IllegalArgumentException(
                "\"" + wireName + "\" is not a valid " + type.getSimpleName() + "; use one of: " + accepted);
    }
}
