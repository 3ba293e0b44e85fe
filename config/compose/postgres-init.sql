-- Run once by the postgres image on an empty data volume (docker-compose.yml): one database per app, both owned by
-- the POSTGRES_USER (wharf). Flyway creates the tables when each app starts.
CREATE DATABASE wharf_registry OWNER wharf;
CREATE DATABASE wharf_index OWNER wharf;
