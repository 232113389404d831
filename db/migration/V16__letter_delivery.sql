-- Letters that reach the doctor (issue 14). The intake records whom the letters go to: the referring
-- physician's address and secure (MSSanté) e-mail, and the general practitioner's name, address and
-- secure e-mail (all optional: a referral without them gets its letters printed and posted).
alter table referral add column referring_physician_address varchar(500);
alter table referral add column referring_physician_email varchar(254);
alter table referral add column general_practitioner varchar(200);
alter table referral add column general_practitioner_address varchar(500);
alter table referral add column general_practitioner_email varchar(254);

-- The delivery outbox: one row per letter and recipient, written with the letter, sent once by
-- LetterDispatcher (the row is locked for the whole send). Status: PENDING (to send, at next_attempt_at),
-- SENT, REFUSED (the relay answered a permanent 5xx), FAILED (retries exhausted), TO_PRINT (no relay or
-- no secure e-mail: a coordinator prints and posts it).
create table letter_delivery (
    id              uuid primary key,
    letter_id       uuid          not null references letter (id),
    -- REFERRING_PHYSICIAN, GENERAL_PRACTITIONER
    recipient_role  varchar(32)   not null,
    recipient_name  varchar(200)  not null,
    email           varchar(254),
    status          varchar(16)   not null,
    attempts        integer       not null,
    next_attempt_at timestamp with time zone,
    -- The relay's answer (code and text) or the connection error; never the letter's content.
    last_error      varchar(1000),
    sent_at         timestamp with time zone,
    created_at      timestamp with time zone not null,
    unique (letter_id, recipient_role)
);
create index letter_delivery_due_idx on letter_delivery (status, next_attempt_at);
