-- The orders pages are read in, a page at a time, so that a page costs the same at any size: explore and the start
-- page (most recently pushed first, never pushed last) and a repository's tags by push time (newest first).
CREATE INDEX repository_last_pushed ON repository (last_pushed_at DESC NULLS LAST, namespace, name);
CREATE INDEX image_tag_pushed ON image_tag (repository_id, pushed_at DESC, name);
