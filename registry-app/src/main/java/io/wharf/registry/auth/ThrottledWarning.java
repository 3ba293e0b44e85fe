package io.wharf.registry.auth;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * A warning that anyone sending requests can cause: written at most once per interval, with the number of
 * occurrences left out since the last line, so a flood of bad requests cannot flood the log.
 */
final class ThrottledWarning {

    static final Duration INTERVAL = Duration.ofMinutes(1);

    private final Logger log;
    private final String what;
    private Instant nextLine = Instant.MIN;
    private long notLogged;

    ThrottledWarning(Logger log, String what) {
        this.log = log;
        this.what = what;
    }

    synchronized void occurred(String detail) {
        Instant now = Instant.now();
        if (now.isBefore(nextLine)) {
            notLogged++;
            return;
        }
        log.warn("{}: {} ({} more since the last such line, at most one a minute)", what, detail, notLogged);
        notLogged = 0;
        nextLine = now.plus(INTERVAL);
    }
}
