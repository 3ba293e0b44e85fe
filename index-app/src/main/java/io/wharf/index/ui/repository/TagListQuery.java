package io.wharf.index.ui.repository;

import io.wharf.index.repository.PushTimes;
import io.wharf.index.repository.TagCursor;
import io.wharf.index.repository.TagOrder;
import io.wharf.index.repository.TagPage;
import io.wharf.index.repository.TagView;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the repository page's tag list shows: {@code ?q=} a part of the name, {@code sort=pushed|name}, and where the
 * page starts: {@code after=} or {@code before=} a tag's sort key (its name; in push order its push time, a comma and
 * its name), so that a link still leads on when that tag has been deleted. Anything unreadable, and the page numbers
 * of older links ({@code page=}), fall back to the default (every tag, newest first, from the start): a list is never
 * an error.
 *
 * @param cursor where the page starts; null: at the start
 */
record TagListQuery(String filter, TagOrder order, TagCursor cursor) {

    private static final int MAX_FILTER = 128;
    private static final int MAX_CURSOR = 256;

    static TagListQuery of(Map<String, String> query) {
        String filter = query.getOrDefault("q", "").strip();
        TagOrder order = "name".equals(query.get("sort")) ? TagOrder.NAME : TagOrder.PUSHED;
        TagCursor cursor = query.containsKey("before") ? cursor(order, query.get("before"), true)
                : cursor(order, query.get("after"), false);
        return new TagListQuery(filter.length() > MAX_FILTER ? filter.substring(0, MAX_FILTER) : filter, order, cursor);
    }

    private static TagCursor cursor(TagOrder order, String key, boolean backward) {
        if (key == null || key.isEmpty() || key.length() > MAX_CURSOR) {
            return null;
        }
        if (order == TagOrder.NAME) {
            return new TagCursor(null, key, backward);
        }
        int comma = key.indexOf(',');
        if (comma < 0 || comma == key.length() - 1) {
            return null;
        }
        try {
            Instant pushedAt = Instant.parse(key.substring(0, comma));
            return PushTimes.storable(pushedAt) ? new TagCursor(pushedAt, key.substring(comma + 1), backward) : null;
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }

    /** The address of the tags after {@code page} on the repository page {@code pageAddress}. */
    public String nextLink(String pageAddress, TagPage page) {
        return link(pageAddress, "after", key(page.tags().get(page.tags().size() - 1)));
    }

    /**
     * The address of the tags before {@code page}; before the cursor's tag when the page is empty (its tags were
     * deleted since the link to it was made).
     */
    public String previousLink(String pageAddress, TagPage page) {
        return link(pageAddress, "before", page.isEmpty() ? key(cursor) : key(page.tags().get(0)));
    }

    private String key(TagView tag) {
        return key(new TagCursor(tag.pushedAt(), tag.name(), false));
    }

    private String key(TagCursor at) {
        return order == TagOrder.NAME ? at.name() : at.pushedAt() + "," + at.name();
    }

    private String link(String pageAddress, String direction, String key) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath(pageAddress);
        if (!filter.isEmpty()) {
            link.queryParam("q", filter);
        }
        return link.queryParam("sort", order.wireName()).queryParam(direction, key).encode().build().toUriString();
    }
}
