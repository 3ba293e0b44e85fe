-- Search keeps the repositories' names in memory and asks the database only which private ones a user may pull:
-- read along this index, that question costs the private rows, not the whole table.
CREATE INDEX repository_visibility ON repository (visibility);
