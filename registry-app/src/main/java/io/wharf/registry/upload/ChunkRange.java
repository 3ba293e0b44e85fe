package io.wharf.registry.upload;

import io.wharf.registry.error.ErrorCode;
import io.wharf.registry.error.RegistryException;
import java.util.regex.Matcher;
import org.springframework.http.HttpStatus;
import java.util.regex.Pattern;

/**
 * The inclusive byte range a chunk claims in its {@code Content-Range} header. The spec writes it as
 * {@code <start>-<end>}; the HTTP form {@code bytes <start>-<end>/<total>} some clients send is accepted too.
 */
public record ChunkRange(long start, long end) {

    private static final Pattern FORMAT = Pattern.compile("(?:bytes[ =])?(\\d{1,18})-(\\d{1,18})(?:/(?:\\d{1,18}|\\*))?");

    public static ChunkRange parse(String header) {
        Matcher matcher = FORMAT.matcher(header.trim());
        if (!matcher.matches()) {
            throw new RegistryException(ErrorCode.BLOB_UPLOAD_INVALID, HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
                    "malformed Content-Range: " + header, null);
        }
        long start = Long.parseLong(matcher.group(1));
        long end = Long.parseLong(matcher.group(2));
        if (end < start) {
            throw new RegistryException(ErrorCode.BLOB_UPLOAD_INVALID, HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
                    "Content-Range ends before it starts: " + header, null);
        }
        return new ChunkRange(start, end);
    }

    public long length() {
        return end - start + 1;
    }
}
