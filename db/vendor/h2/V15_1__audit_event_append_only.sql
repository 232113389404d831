-- audit_event is append-only (see the PostgreSQL version): on H2, the demo's embedded database, a Java
-- trigger refuses every UPDATE and DELETE. H2 fires no trigger on TRUNCATE TABLE: the demo holds no patient
-- data, and the guarantee that counts is PostgreSQL's.
create trigger audit_event_append_only before update, delete on audit_event
    for each row call 'fr.sarcoma.referral.audit.AppendOnlyTrigger';

-- Need-to-know in the engine, for a database seeded by earlier versions (see the PostgreSQL version).
update act_ru_authorization set perms_ = bitand(perms_, bitnot(512))
 where type_ = 1 and resource_type_ = 6 and resource_id_ = '*'
   and group_id_ in ('radiologists', 'surgeons', 'pathologists', 'oncologists', 'mdt-chairs');
delete from act_ru_authorization
 where type_ = 1 and resource_type_ = 20 and resource_id_ = '*' and group_id_ = 'managers';
update act_ru_authorization set perms_ = bitor(perms_, 64)
 where type_ = 1 and resource_type_ = 7 and resource_id_ <> '*' and bitand(perms_, 2) = 2;
