package io.wharf.registry.api;

import io.wharf.registry.error.ErrorCode;
import io.wharf.registry.error.RegistryException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A single HTTP byte range ({@code Range: bytes=a-b}, {@code bytes=a-}, {@code bytes=-n}) resolved against a size. */
record ByteRange(long start, long end) {

    private static final Pattern SINGLE_RANGE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

    /**
     * Resolves the header against a blob of {@code size} bytes. A range that cannot be satisfied, or a form
     * this registry does not serve (several ranges), answers 416.
     */
    static ByteRange parse(String header, long size) {
        Matcher matcher = SINGLE_RANGE.matcher(header.trim());
        if (!matcher.matches() || (matcher.group(1).isEmpty() && matcher.group(2).isEmpty())) {
            throw unsatisfiable(header, size);
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
            end = matcher.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(matcher.group(2)), size - 1);
        }
        if (start >= size || end < start) {
            throw unsatisfiable(header, size);
        }
        return new ByteRange(start, end);
    }

    long length() {
        return end - start + 1;
    }

    private static RegistryException unsatisfiable(String header, long size) {
        return new RegistryException(ErrorCode.RANGE_INVALID,
                "range " + header + " cannot be satisfied by a blob of " + size + " bytes",
                Map.of("size", size));
    }
}
