-- A name of one component (ubuntu) is short for library/ubuntu, and the registry now stores only the full form.
-- Repositories and upload sessions an open registry (authentication off) created under the short form move to it,
-- unless a repository of the full name exists already: then the short one stays as it was, unreachable by name
-- (docs/operations.md, Upgrading, says how to copy it over).
update repository set name = 'library/' || name
where name not like '%/%' and not exists (select 1 from repository other where other.name = 'library/' || repository.name);
update upload set repository_name = 'library/' || repository_name where repository_name not like '%/%';
