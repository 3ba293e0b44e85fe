-- Appends to one upload session are serialized across replicas by a short lease (see docs/architecture.md, Replicas):
-- taken by a conditional update before a chunk streams, renewed while it streams, cleared after. A replica killed
-- mid-chunk leaves a lease that simply runs out.
alter table upload add column append_lease_until timestamp with time zone;
alter table upload add column append_lease_owner varchar(36);
