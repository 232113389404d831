-- audit_event is append-only, whoever asks: the application, a console, a migration. A trigger refuses every
-- UPDATE and DELETE (each row) and every TRUNCATE, with SQLSTATE 42501 (insufficient privilege). Nobody
-- but the table's owner can drop or disable the trigger: in production, run the migrations as an owner role
-- and the application as another role granted only INSERT and SELECT on this table (docs/security.md).
create function audit_event_append_only() returns trigger
language plpgsql as $$
begin
    raise exception 'audit_event est en ajout seul : % refusé', tg_op using errcode = '42501';
end;
$$;

create trigger audit_event_no_update_or_delete
    before update or delete on audit_event
    for each row execute function audit_event_append_only();

create trigger audit_event_no_truncate
    before truncate on audit_event
    for each statement execute function audit_event_append_only();

revoke update, delete, truncate on audit_event from public;

-- Need-to-know in the engine (docs/security.md), for a database seeded by earlier versions: the
-- seeds grant what is missing and revoke nothing, so the permissions withdrawn are withdrawn here, once.
-- READ_INSTANCE (512) on every process definition: the clinical groups read a referral's variables only
-- through the tasks they hold or can claim.
update act_ru_authorization set perms_ = perms_ & ~512
 where type_ = 1 and resource_type_ = 6 and resource_id_ = '*'
   and group_id_ in ('radiologists', 'surgeons', 'pathologists', 'oncologists', 'mdt-chairs');
-- READ on every historic process instance (20): it would show managers the variables kept in the history.
delete from act_ru_authorization
 where type_ = 1 and resource_type_ = 20 and resource_id_ = '*' and group_id_ = 'managers';
-- READ_VARIABLE (64) on the tasks open today, as the engine now grants it with READ to a task's candidates
-- and assignee (enforceSpecificVariablePermission).
update act_ru_authorization set perms_ = perms_ | 64
 where type_ = 1 and resource_type_ = 7 and resource_id_ <> '*' and (perms_ & 2) = 2;
