package io.wharf.registry.blob;

import org.springframework.jdbc.core.RowMapper;

/** A verified, content-addressed blob in storage. */
public record Blob(String digest, long size) {

    static final String COLUMNS = "b.digest, b.size";
    static final RowMapper<Blob> ROW = (row, number) -> new Blob(row.getString("digest"), row.getLong("size"));
}
