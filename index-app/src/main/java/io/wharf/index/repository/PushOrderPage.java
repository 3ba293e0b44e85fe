package io.wharf.index.repository;

import java.util.List;
import java.util.function.Function;

/**
 * A page of repositories in push order, and whether more come before it (newer) and after it (older): pages are
 * read from a {@link PushPosition}, not counted, so there is no total.
 */
public record PushOrderPage<T>(List<T> content, boolean hasNewer, boolean hasOlder) {

    <U> PushOrderPage<U> map(Function<T, U> converter) {
        return new PushOrderPage<>(content.stream().map(converter).toList(), hasNewer, hasOlder);
    }
}
