-- Whether a signature refers to a manifest, as the registry's referrers API answered, kept until the registry's events
-- say the answer may have changed: the repository page shows it for every tag it lists, and asking the registry on
-- every view was that page's slowest part. referrers_changes counts those events, so that an answer asked before one
-- of them is not kept after it.
ALTER TABLE repository ADD COLUMN referrers_changes BIGINT DEFAULT 0 NOT NULL;
-- The digest first: a page looks up its 25 digests in the key, where H2 read all of a repository's answers for an IN
-- list on the key's second column (half of a random tag page's time in a repository of 10,000 tags).
CREATE TABLE manifest_signed (
    digest        VARCHAR(255) NOT NULL,
    repository_id BIGINT       NOT NULL REFERENCES repository (id) ON DELETE CASCADE,
    signed        BOOLEAN      NOT NULL,
    PRIMARY KEY (digest, repository_id)
);
CREATE INDEX manifest_signed_repository ON manifest_signed (repository_id);
