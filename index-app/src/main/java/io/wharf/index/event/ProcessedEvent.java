package io.wharf.index.event;

import java.time.Instant;

/** The id of a registry event that the index applied: a second delivery of it is skipped. */
public record ProcessedEvent(String id, Instant processedAt) {
}
