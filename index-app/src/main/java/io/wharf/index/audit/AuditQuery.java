package io.wharf.index.audit;

import io.wharf.index.error.ApiException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * What part of the audit log to read: all filters optional, each exact.
 *
 * @param actor who made the changes, as entries name them ({@code alice}, {@code acme+ci}, {@code anonymous},
 *     {@code system})
 * @param targetKind what kind of thing was changed ({@code account}, {@code repository}, ...)
 * @param targetName its name ({@code alice}, {@code acme/app}, ...)
 * @param from the earliest time, inclusive
 * @param until the latest time, exclusive
 */
public record AuditQuery(String actor, String targetKind, String targetName, Instant from, Instant until) {

    public static final AuditQuery EVERYTHING = new AuditQuery(null, null, null, null, null);

    /**
     * From request parameters, blank meaning "any". Times are RFC 3339 ({@code 2026-12-01T08:00:00Z}), a date and
     * time without zone (UTC, as a browser's date-time field sends it) or a date (its start, UTC).
     *
     * @throws ApiException 400 naming the parameter that is not a time, or when until is not after from
     */
    public static AuditQuery of(String actor, String targetKind, String targetName, String from, String until) {
        AuditQuery query = new AuditQuery(blankToNull(actor), blankToNull(targetKind), blankToNull(targetName),
                time("from", from), time("until", until));
        if (query.from() != null && query.until() != null && !query.until().isAfter(query.from())) {
            throw ApiException.badRequest("until must be later than from").onField("until");
        }
        return query;
    }

    private static Instant time(String parameter, String text) {
        String value = blankToNull(text);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return value.length() <= "2026-12-01".length() ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC)
                        : LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notALocalTime) {
                throw ApiException.badRequest(parameter + " must be a time such as 2026-12-01T08:00:00Z (UTC) or a date"
                        + " such as 2026-12-01, not " + value).onField(parameter);
            }
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
