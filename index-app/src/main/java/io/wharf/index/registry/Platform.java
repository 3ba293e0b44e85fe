package io.wharf.index.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One platform of an image index, or of a single image ({@code linux/arm64/v8}). Stored in a tag's {@code platforms} column as
 * {@code os/architecture[/variant]}, comma separated; parts that could break that encoding are refused.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Platform(String os, String architecture, String variant) {

    private static final Pattern PART = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** The platform, or nothing when os or architecture is missing or a part has unexpected characters. */
    public static Optional<Platform> of(String os, String architecture, String variant) {
        boolean valid = isPart(os) && isPart(architecture) && (variant == null || variant.isEmpty() || isPart(variant));
        return valid
                ? Optional.of(new Platform(os, architecture, variant == null || variant.isEmpty() ? null : variant))
                : Optional.empty();
    }

    public static String encode(List<Platform> platforms) {
        return platforms.stream().map(Platform::toString).collect(Collectors.joining(","));
    }

    public static List<Platform> decode(String encoded) {
        return encoded.isEmpty() ? List.of() : Arrays.stream(encoded.split(","))
                .map(entry -> entry.split("/", 3))
                .map(parts -> new Platform(parts[0], parts[1], parts.length > 2 ? parts[2] : null))
                .toList();
    }

    private static boolean isPart(String value) {
        return value != null && PART.matcher(value).matches();
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
}
