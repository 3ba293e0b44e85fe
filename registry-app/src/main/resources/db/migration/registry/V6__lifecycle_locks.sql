-- One row per namespace that has a quota: a push locks it (select ... for update) while it checks the quota and links
-- the blob, so concurrent pushes into one namespace are checked one after another and never overshoot its quota.
create table namespace_lock (
    namespace varchar(255) primary key
);

-- Leases of jobs that one replica at a time should run (the scheduled garbage collection): taken by a conditional
-- update, held until leased_until; a replica that dies simply lets its lease run out.
create table job_lease (
    job          varchar(64) primary key,
    owner        varchar(64),
    leased_until timestamp with time zone
);
insert into job_lease (job) values ('gc');
