package io.wharf.registry.repository;

import org.springframework.jdbc.core.RowMapper;

/** A repository ({@code team/app}) the registry has seen a push to. */
public record ImageRepository(long id, String name) {

    static final RowMapper<ImageRepository> ROW = (row, number) -> new ImageRepository(row.getLong("id"),
            row.getString("name"));
}
