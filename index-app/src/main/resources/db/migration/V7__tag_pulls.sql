-- Pulls per tag, from the registry's pull events: those that started by the tag (a pull by digest counts for the
-- repository only). last_pulled_at is null for a tag never pulled.
ALTER TABLE image_tag ADD COLUMN pull_count BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE image_tag ADD COLUMN last_pulled_at TIMESTAMP WITH TIME ZONE;
