-- Which repositories anyone may pull, in push order: explore and the start page for anonymous visitors read their public
-- ones along it, never through private rows; search asks along it which private ones a user may pull, reading only those.
CREATE INDEX repository_visibility_push_order ON repository (visibility, last_pushed_at DESC NULLS LAST, namespace, name);
