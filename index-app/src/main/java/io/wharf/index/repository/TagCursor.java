package io.wharf.index.repository;

import java.time.Instant;

/**
 * A place in a list of tags: just after the tag with this sort key, or just before it ({@code backward}). It holds the
 * key itself, not the tag's id, so that it still places a page when that tag has been deleted since.
 *
 * @param pushedAt the tag's push time; only the push-time order reads it
 */
public record TagCursor(Instant pushedAt, String name, boolean backward) {
}
