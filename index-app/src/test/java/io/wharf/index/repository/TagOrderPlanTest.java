package io.wharf.index.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.index.IndexAppTestSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * H2 reads a page of tags along the index of its order: the page costs the same in a repository of any size, instead
 * of a sort of every tag of the repository.
 */
class TagOrderPlanTest extends IndexAppTestSupport {

    @Autowired
    private JdbcClient database;

    @ParameterizedTest
    @EnumSource(TagOrder.class)
    void aPageOfTagsIsReadInIndexOrder(TagOrder order) {
        String plan = database.sql("EXPLAIN " + ImageTags.matchingInOrder(order) + " LIMIT 25 OFFSET 100")
                .params(1L, "%%").query(String.class).single();

        assertThat(plan).contains("/* index sorted */");
    }
}
