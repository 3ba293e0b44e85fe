package io.wharf.index.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.index.IndexAppTestSupport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * H2 reads a page of tags along the index of its order, from the start, after a cursor and backwards before one: the
 * page costs the same in a repository of any size and at any depth, instead of a sort of every tag of the repository.
 */
class TagOrderPlanTest extends IndexAppTestSupport {

    private static final Instant PUSHED = Instant.parse("2030-01-01T12:00:00Z");

    @Autowired
    private JdbcClient database;

    static Stream<Arguments> pages() {
        List<Arguments> pages = new ArrayList<>();
        for (TagOrder order : TagOrder.values()) {
            for (boolean filtered : new boolean[] {false, true}) {
                pages.add(Arguments.of(order, null, filtered));
                pages.add(Arguments.of(order, new TagCursor(PUSHED, "v1", false), filtered));
                pages.add(Arguments.of(order, new TagCursor(PUSHED, "v1", true), filtered));
            }
        }
        return pages.stream();
    }

    @ParameterizedTest
    @MethodSource("pages")
    void aPageOfTagsIsReadInIndexOrder(TagOrder order, TagCursor cursor, boolean filtered) {
        List<Object> values = new ArrayList<>(List.of(1L));
        if (filtered) {
            values.add("%v%");
        }
        values.addAll(order.cursorValues(cursor));
        String plan = database.sql("EXPLAIN " + ImageTags.fromCursor(order, cursor, filtered) + " LIMIT 26")
                .params(values).query(String.class).single();

        assertThat(plan).contains("/* index sorted */");
    }
}
