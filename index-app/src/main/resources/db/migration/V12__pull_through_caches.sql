-- Pull-through caches: the registry holds their definitions (upstream, credentials, limits); the index reserves
-- each one's name as a namespace of kind PROXY (so no user or organization takes it) and keeps what its token
-- decisions need: who may pull, which cache serves the engine mirror path, and the upstream its refusals name.
CREATE TABLE pull_through_cache (
    name       VARCHAR(30)   NOT NULL PRIMARY KEY REFERENCES namespace (name),
    upstream   VARCHAR(2048) NOT NULL,
    visibility VARCHAR(16)   NOT NULL,
    mirror     BOOLEAN       NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
