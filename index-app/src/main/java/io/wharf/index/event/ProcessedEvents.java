package io.wharf.index.event;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ProcessedEvents extends JpaRepository<ProcessedEvent, String> {
}
