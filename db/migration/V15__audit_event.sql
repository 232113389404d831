-- The audit trail (issue 13): every read of a patient's identity or clinical file, every refused read,
-- and what was done to a referral's pathway (task completed, decision recorded, order placed, an
-- administrator's change in the engine). Append-only: the database itself refuses an update, a delete or
-- a truncation of it (V15_1, per database, in db/vendor/{vendor}). No patient name and no clinical text
-- in it: user ids, group ids, referral ids, codes, and the request's path.
create table audit_event (
    id            uuid primary key,
    at            timestamp with time zone not null,
    -- The user id, or 'system' (the job executor, start-up).
    actor         varchar(64)   not null,
    -- The user's groups at that moment, comma-separated.
    actor_groups  varchar(1000) not null,
    -- READ_IDENTITY, READ_FILE, READ_LETTER, READ_VARIABLES, READ_REFUSED, TASK_COMPLETED,
    -- DECISION_RECORDED, DECISION_CORRECTED, ORDER_PLACED, RESULT_RECORDED, TASK_UPDATED,
    -- INSTANCE_STARTED, INSTANCE_MODIFIED, VARIABLE_CHANGED, ENGINE_OPERATION
    action        varchar(32)   not null,
    referral_id   uuid,
    -- api, tasklist-plugin, agenda, letter, engine-rest, engine-history, webapp, system
    door          varchar(32)   not null,
    -- The rule that allowed it (COORDINATOR, CANDIDATE_TASK, COMPLETED_TASK_WITHIN_P30D, MDT_AGENDA,
    -- ADMIN_REPAIR...), NO_RULE for a refused read.
    reason        varchar(64)   not null,
    -- The request (method and path) or the task, decision, order or engine operation concerned.
    detail        varchar(1000),
    -- The engine's operation id, for an entry mirrored from its user operation log (one row per operation).
    operation_id  varchar(64)
);

create index audit_event_referral_idx on audit_event (referral_id, at);
create index audit_event_actor_idx on audit_event (actor, at);
create index audit_event_operation_idx on audit_event (operation_id);
