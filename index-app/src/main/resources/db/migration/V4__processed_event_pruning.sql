-- Pruning forgets applied registry events by age (event.ProcessedEventPruning): without this it scans the table.
CREATE INDEX processed_event_processed_at ON processed_event (processed_at);
