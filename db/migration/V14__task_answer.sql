-- Issue 13: clinical text leaves the engine. When a user task completes, the answers of its Camunda Form go to
-- our tables and are removed from the process variables, kept out of the engine's history (the process holds ids
-- and routing facts only). The answers a feature table records (characterisation_report, mdt_decision,
-- mdt_registration.question, biopsy_approach) go there; every other answer of the form goes here, one row per
-- field: the free-text notes (classification comment, pathology review, coordinators' notes...) and the coded
-- answers no feature table holds. Rows are only ever inserted, once per completed task.
create table task_answer (
    id                  uuid primary key,
    -- null for a task outside a referral (a process deployed by hand)
    referral_id         uuid references referral (id),
    process_instance_id varchar(64)   not null,
    task_id             varchar(64)   not null,
    task_definition_key varchar(255)  not null,
    task_name           varchar(1000),
    form_id             varchar(255)  not null,
    field_key           varchar(255)  not null,
    -- the field's place among the answers of its form, to read them back in the form's order
    field_order         integer       not null,
    -- the field's label as the form showed it (French), so that the answer reads without the form
    label               varchar(1000) not null,
    -- as written; a checklist as its codes joined by commas, a number without exponent
    answer              varchar(4000) not null,
    answered_by         varchar(64),
    answered_at         timestamp with time zone not null,
    constraint task_answer_once unique (task_id, field_key)
);
create index task_answer_referral_idx on task_answer (referral_id, answered_at);
