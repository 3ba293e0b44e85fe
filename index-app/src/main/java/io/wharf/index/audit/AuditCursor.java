package io.wharf.index.audit;

import io.wharf.index.error.ApiException;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the next, older page of the audit log starts: after the entry recorded at {@code time} with {@code id}, in
 * the log's order (newest first, by time, then id). Its text form, the {@code before} parameter of the page and the
 * API, is {@code <epoch seconds>.<nanoseconds>.<id>}.
 */
record AuditCursor(Instant time, long id) {

    private static final Pattern TEXT = Pattern.compile("(-?\\d{1,19})\\.(\\d{9})\\.(\\d{1,19})");

    static AuditCursor after(AuditLogEntry entry) {
        return new AuditCursor(entry.time(), entry.id());
    }

    /** @return null for a blank text: the newest page */
    static AuditCursor parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Matcher matcher = TEXT.matcher(text.strip());
        if (!matcher.matches()) {
            throw ApiException.badRequest("before must be the 'next' value of a previous page, such as "
                    + new AuditCursor(Instant.ofEpochSecond(1_790_000_000L), 42) + "; leave it out for the newest entries");
        }
        try {
            return new AuditCursor(Instant.ofEpochSecond(Long.parseLong(matcher.group(1)),
                    Long.parseLong(matcher.group(2))), Long.parseLong(matcher.group(3)));
        } catch (RuntimeException outOfRange) {
            throw ApiException.badRequest("before is out of range; leave it out for the newest entries");
        }
    }

    @Override
    public String toString() {
        return "%d.%09d.%d".formatted(time.getEpochSecond(), time.getNano(), id);
    }
}
