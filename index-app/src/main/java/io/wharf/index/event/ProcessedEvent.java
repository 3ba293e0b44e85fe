package io.wharf.index.event;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import org.springframework.data.domain.Persistable;

/** The id of a registry event that the index applied: a second delivery of it is skipped. */
@Entity
@Table(name = "processed_event")
public class ProcessedEvent implements Persistable<String> {

    @Id
    private String id;

    @Column(name = "processed_at", nullable = false, updatable = false)
    private Instant processedAt;

    protected ProcessedEvent() {
    }

    public ProcessedEvent(String id, Instant processedAt) {
        this.id = id;
        this.processedAt = processedAt;
    }

    @Override
    public String getId() {
        return id;
    }

    /** Always inserted, never merged: a concurrent second delivery must fail on the primary key. */
    @Override
    @Transient
    public boolean isNew() {
        return true;
    }
}
