-- M6: the expert pathologist's structured diagnosis after the second reading of a biopsy
-- (Task_ReviewBiopsyResult): its category, and for a sarcoma its histological type and FNCLCC grade.
-- One row per completed review (a new biopsy after a non-conclusive reading gets a review of its own);
-- rows are only ever inserted. The newest row is the diagnosis the proposal round and the diagnosis
-- letter read.
create table pathology_diagnosis (
    id                uuid primary key,
    referral_id       uuid          not null references referral (id),
    task_id           varchar(64)   not null unique,
    category          varchar(32)   not null,
    histological_type varchar(500),
    fnclcc_grade      integer,
    review            varchar(2000) not null,
    reviewed_by       varchar(64),
    reviewed_at       timestamp with time zone not null,
    constraint pathology_diagnosis_category check (
        category in ('BENIGN', 'SARCOMA', 'OTHER_MALIGNANCY', 'NOT_CONCLUSIVE')),
    -- a sarcoma has its type and grade; any other category has neither
    constraint pathology_diagnosis_sarcoma check (
        (category = 'SARCOMA' and histological_type is not null and fnclcc_grade between 1 and 3)
        or (category <> 'SARCOMA' and histological_type is null and fnclcc_grade is null))
);
create index pathology_diagnosis_referral_idx on pathology_diagnosis (referral_id, reviewed_at);
