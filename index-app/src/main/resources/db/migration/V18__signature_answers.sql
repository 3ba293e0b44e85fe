-- Whether a signature refers to a manifest, as the registry's referrers API answered, kept until the registry's events
-- say the answer may have changed: the repository page shows it for every tag it lists, and asking the registry on
-- every view was that page's slowest part. referrers_changes counts those events, so that an answer asked before one
-- of them is not kept after it.
ALTER TABLE repository ADD COLUMN referrers_changes BIGINT DEFAULT 0 NOT NULL;
CREATE TABLE manifest_signed (
    repository_id BIGINT       NOT NULL REFERENCES repository (id) ON DELETE CASCADE,
    digest        VARCHAR(255) NOT NULL,
    signed        BOOLEAN      NOT NULL,
    PRIMARY KEY (repository_id, digest)
);
