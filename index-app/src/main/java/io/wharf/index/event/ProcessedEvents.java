package io.wharf.index.event;

import java.time.Instant;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

public interface ProcessedEvents extends JpaRepository<ProcessedEvent, String> {

    /** Forgets the events applied before {@code cutoff}; returns how many. */
    @Transactional
    @Modifying
    @Query("delete from ProcessedEvent e where e.processedAt < :cutoff")
    int deleteProcessedBefore(@Param("cutoff") Instant cutoff);
}
