package io.wharf.index.ui.repository;

import io.wharf.index.repository.TagOrder;
import java.util.Map;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the repository page's tag list shows: {@code ?q=} a part of the name, {@code sort=pushed|name}, {@code page=}
 * (from 1). Anything unreadable falls back to the default (every tag, newest first, page 1): a list is never an error.
 */
record TagListQuery(String filter, TagOrder order, int page) {

    private static final int MAX_FILTER = 128;

    static TagListQuery of(Map<String, String> query) {
        String filter = query.getOrDefault("q", "").strip();
        TagOrder order = "name".equals(query.get("sort")) ? TagOrder.NAME : TagOrder.PUSHED;
        int page;
        try {
            page = Math.max(1, Integer.parseInt(query.getOrDefault("page", "1")));
        } catch (NumberFormatException unreadable) {
            page = 1;
        }
        return new TagListQuery(filter.length() > MAX_FILTER ? filter.substring(0, MAX_FILTER) : filter, order, page - 1);
    }

    /** The address of page {@code page} (from 0) of this list on the repository page {@code pageAddress}. */
    public String pageLink(String pageAddress, int page) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath(pageAddress);
        if (!filter.isEmpty()) {
            link.queryParam("q", filter);
        }
        return link.queryParam("sort", order.wireName()).queryParam("page", page + 1).encode().build().toUriString();
    }
}
