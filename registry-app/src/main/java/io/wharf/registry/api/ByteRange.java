package io.wharf.registry.api;

import io.wharf.registry.error.ErrorCode;
import io.wharf.registry.error.RegistryException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/** A single HTTP byte range ({@code Range: bytes=a-b}, {@code bytes=a-}, {@code bytes=-n}) resolved against a size. */
record ByteRange(long start, long end) {

    private static final Pattern SINGLE_RANGE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

    /**
     * Resolves the header against a blob of {@code size} bytes. As RFC 9110 allows, a header this registry
     * does not serve (another unit, several ranges, bad syntax) is ignored: empty, the whole blob is sent.
     * A well-formed range that the blob cannot satisfy answers 416.
     */
    static Optional<ByteRange> parse(String header, long size) {
        Matcher matcher = SINGLE_RANGE.matcher(header.trim());
        if (!matcher.matches() || (matcher.group(1).isEmpty() && matcher.group(2).isEmpty())) {
            return Optional.empty();
        }
        long start;
        long end;
        if (matcher.group(1).isEmpty()) {
            long suffix = Long.parseLong(matcher.group(2));
            if (suffix == 0) {
                throw unsatisfiable(header, size);
            }
            start = Math.max(0, size - suffix);
            end = size - 1;
        } else {
            start = Long.parseLong(matcher.group(1));
            if (!matcher.group(2).isEmpty() && Long.parseLong(matcher.group(2)) < start) {
                return Optional.empty();
            }
            end = matcher.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(matcher.group(2)), size - 1);
        }
        if (start >= size) {
            throw unsatisfiable(header, size);
        }
        return Optional.of(new ByteRange(start, end));
    }

    long length() {
        return end - start + 1;
    }

    private static RegistryException unsatisfiable(String header, long size) {
        return new RegistryException(ErrorCode.UNSUPPORTED, HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
                "range " + header + " cannot be satisfied by a blob of " + size + " bytes", Map.of("size", size));
    }
}
