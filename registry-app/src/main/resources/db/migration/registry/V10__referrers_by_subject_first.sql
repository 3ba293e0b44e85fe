-- A page of tags asks for the referrers of all its digests at once (subject_digest in (…)). H2 uses an IN list only
-- on an index's first column, so with repository_id first it read every manifest of the repository; with the subject
-- first it reads the referrers alone. PostgreSQL uses either order.
drop index manifest_subject;
create index manifest_subject on manifest (subject_digest, repository_id);
