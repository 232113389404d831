-- M1: the sarcoma MDT's sessions (the weekly ones, generated from the schedule, and one-off ones),
-- with their registration cutoff and capacity; each registration of a case belongs to a session.

create table mdt_session (
    id                      uuid primary key,
    starts_at               timestamp with time zone not null,
    ends_at                 timestamp with time zone not null,
    registration_cutoff_at  timestamp with time zone not null,
    capacity                integer      not null,
    -- RECURRING (from sarcoma.mdt.schedule) or ONE_OFF (added by a coordinator)
    kind                    varchar(16)  not null,
    note                    varchar(400),
    cancelled_at            timestamp with time zone,
    cancellation_reason     varchar(400),
    created_at              timestamp with time zone not null
);
create index mdt_session_starts_idx on mdt_session (starts_at);

alter table mdt_registration add column session_id uuid references mdt_session (id);
-- REGISTERED (on the agenda), DISCUSSED (decided), ROLLED_OVER (not discussed: on a later session),
-- MOVED (by a coordinator or a cancellation)
alter table mdt_registration add column status varchar(16);
update mdt_registration set status = 'REGISTERED' where status is null;
create index mdt_registration_session_idx on mdt_registration (session_id, status);

-- The question the coordinator puts to the MDT for this case (agenda).
alter table mdt_registration add column question varchar(4000);
