package io.wharf.index.event;

import io.wharf.index.persistence.Rows;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code processed_event} table. */
@Repository
public class ProcessedEvents {

    private final JdbcClient database;

    ProcessedEvents(JdbcClient database) {
        this.database = database;
    }

    public boolean existsById(String id) {
        return database.sql("SELECT COUNT(*) FROM processed_event WHERE id = ?").param(id).query(Long.class).single() > 0;
    }

    /** Always inserted, never merged: a concurrent second delivery fails on the primary key. */
    public void insert(ProcessedEvent event) {
        database.sql("INSERT INTO processed_event (id, processed_at) VALUES (?, ?)")
                .params(event.id(), Rows.timestamp(event.processedAt())).update();
    }

    /** Forgets the events applied before {@code cutoff}; returns how many. */
    public int deleteProcessedBefore(Instant cutoff) {
        return database.sql("DELETE FROM processed_event WHERE processed_at < ?").param(Rows.timestamp(cutoff)).update();
    }
}
