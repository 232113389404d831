-- Orders leave through an outbox written in the same transaction as the order; the dispatcher
-- (a job of ExamOrderProcess) sends each entry once, to the FHIR order system or, without one,
-- to the coordinators' worklist.

alter table exam_order add column receiver_reference varchar(200);
alter table exam_order add column scheduled_for date;

create table order_outbox (
    id            uuid primary key,
    order_id      uuid          not null unique references exam_order (id),
    -- PENDING (to send), SENT (accepted by the receiver), WORKLIST (no receiver: handled by hand), REJECTED (4xx)
    status        varchar(16)   not null,
    attempts      integer       not null,
    last_error    varchar(2000),
    created_at    timestamp with time zone not null,
    processed_at  timestamp with time zone
);
create index order_outbox_status_idx on order_outbox (status);

-- A result's conclusion is a short sentence (up to 200 characters, as the result API accepts).
alter table exam_order alter column result_conclusion set data type varchar(200);
