package io.wharf.index.error;

import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/** The default {@code error} code of a status, for answers that have no more specific one: "not_found". */
public final class ErrorCodes {

    private ErrorCodes() {
    }

    public static String forStatus(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "http_" + status.value() : known.name().toLowerCase(Locale.ROOT);
    }
}
