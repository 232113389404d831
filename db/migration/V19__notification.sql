-- Notifications by e-mail to a group (issue 14): a new urgent referral, an exam overdue, a case that missed the
-- MDT's registration cutoff, a letter not delivered. The outbox: one row per notification and recipient (a member
-- of the group with an e-mail in the engine's identity store), written in the transaction of the step that opened
-- the task, sent once by NotificationDispatcher (the row is locked for the whole send). Its subject and body hold
-- the referral's number and the task's link, never the patient. Status: PENDING (to send, at next_attempt_at),
-- SENT, FAILED (a 5xx refusal, or retries exhausted). No relay configured: no row.
create table notification (
    id              uuid primary key,
    -- URGENT_REFERRAL, EXAM_OVERDUE, MDT_CUTOFF_MISSED, LETTER_NOT_DELIVERED
    kind            varchar(32)   not null,
    -- What it is about: the task's id, or the referral's id for an urgent referral (its first task only).
    about           varchar(64)   not null,
    -- The Camunda user it goes to, and the address it went to.
    recipient       varchar(64)   not null,
    email           varchar(254)  not null,
    task_id         varchar(64)   not null,
    business_key    varchar(32),
    mail_subject    varchar(300)  not null,
    mail_body       varchar(4000) not null,
    status          varchar(16)   not null,
    attempts        integer       not null,
    next_attempt_at timestamp with time zone,
    -- The relay's answer (code and text) or the connection error; never the message's content.
    last_error      varchar(1000),
    sent_at         timestamp with time zone,
    created_at      timestamp with time zone not null,
    unique (kind, about, recipient)
);
create index notification_due_idx on notification (status, next_attempt_at);
