-- Pull-through caches: an upstream registry served under a namespace of its own. The password is sealed with
-- AES-GCM (the key is wharf.registry.proxy.credential-key or a key file in the data folder), never stored plain.
create table proxy (
    name                      varchar(255) primary key,
    upstream                  varchar(2000) not null,
    username                  varchar(255),
    sealed_password           varchar(4000),
    revalidate_after_seconds  bigint not null,
    include_globs             varchar(4000) not null,
    exclude_globs             varchar(4000) not null,
    size_limit_bytes          bigint not null,
    mirror                    boolean not null,
    updated_at                timestamp with time zone not null
);

-- When the cache last asked the upstream where a tag points (the revalidation interval runs from there).
create table proxy_tag_check (
    repository_name  varchar(255) not null,
    tag              varchar(128) not null,
    checked_at       timestamp with time zone not null,
    primary key (repository_name, tag)
);

-- When a client last pulled a cached manifest: the least recently pulled go first when a cache is over its limit.
create table proxy_pull (
    repository_name  varchar(255) not null,
    manifest_digest  varchar(200) not null,
    pulled_at        timestamp with time zone not null,
    primary key (repository_name, manifest_digest)
);
create index proxy_pull_pulled_at on proxy_pull (pulled_at);
