-- The registry runs H2 with ANALYZE_AUTO=0 (see spring.datasource.url): the planner's estimate for each indexed
-- column stays H2's default, as in a database created since, instead of the average an earlier ANALYZE measured.
-- One average per column rated an index on repository_id alone as good as the primary key whenever most
-- repositories held one tag, and H2 took whichever of the two it listed first: a lookup of one tag of a large
-- repository read all of its tags. With the default, the index that matches more of the key is the cheaper one.
alter table audit_entry alter column id selectivity 50;
alter table audit_entry alter column repository selectivity 50;
alter table blob alter column digest selectivity 50;
alter table blob alter column touched_at selectivity 50;
alter table event_delivery alter column delivered_at selectivity 50;
alter table event_delivery alter column endpoint selectivity 50;
alter table event_delivery alter column event_id selectivity 50;
alter table event_delivery alter column event_seq selectivity 50;
alter table event_delivery alter column repository selectivity 50;
alter table event_outbox alter column id selectivity 50;
alter table event_outbox alter column seq selectivity 50;
alter table job_lease alter column job selectivity 50;
alter table manifest alter column digest selectivity 50;
alter table manifest alter column id selectivity 50;
alter table manifest alter column repository_id selectivity 50;
alter table manifest alter column subject_digest selectivity 50;
alter table manifest_reference alter column child_digest selectivity 50;
alter table manifest_reference alter column kind selectivity 50;
alter table manifest_reference alter column manifest_id selectivity 50;
alter table namespace_lock alter column namespace selectivity 50;
alter table proxy alter column name selectivity 50;
alter table proxy_pull alter column manifest_digest selectivity 50;
alter table proxy_pull alter column pulled_at selectivity 50;
alter table proxy_pull alter column repository_name selectivity 50;
alter table proxy_tag_check alter column repository_name selectivity 50;
alter table proxy_tag_check alter column tag selectivity 50;
alter table repository alter column id selectivity 50;
alter table repository alter column name selectivity 50;
alter table repository_blob alter column digest selectivity 50;
alter table repository_blob alter column linked_at selectivity 50;
alter table repository_blob alter column repository_id selectivity 50;
alter table tag alter column manifest_id selectivity 50;
alter table tag alter column name selectivity 50;
alter table tag alter column repository_id selectivity 50;
alter table upload alter column id selectivity 50;
alter table upload alter column repository_name selectivity 50;
alter table upload alter column updated_at selectivity 50;
