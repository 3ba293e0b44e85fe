package io.wharf.index.repository;

import java.time.Instant;

/** Pulls that started by one tag, as a pull event reports them: how many, and when the last one did. */
public record TagPulls(long count, Instant lastPulledAt) {
}
