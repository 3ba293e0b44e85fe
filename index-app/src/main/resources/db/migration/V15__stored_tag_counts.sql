-- How many tags each repository holds, kept by the transactions that add and remove image_tag rows: the repository
-- page shows it on every view, and counting thousands of tags each time would cost more than the page itself.
ALTER TABLE repository ADD COLUMN tag_count BIGINT DEFAULT 0 NOT NULL;
UPDATE repository SET tag_count = (SELECT COUNT(*) FROM image_tag WHERE image_tag.repository_id = repository.id);
