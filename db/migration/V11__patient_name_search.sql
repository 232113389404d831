-- Issue 12: finding a patient from Tasklist (GET /api/patients?q=...) and the duplicate-patient warning at intake.
--
-- The patient record has one name field ("Nom et prénom", typed either way round), so names are compared word by
-- word, folded (no case, no accents, no punctuation: platform/PersonNames), never with SQL functions that PostgreSQL
-- and H2 (the demo) would fold differently:
--   patient.name_key     the folded words, sorted: the same person typed twice has the same key (with the same
--                        birth date under another IPP: the duplicate warning);
--   patient_name_word    one row per folded word (and per hyphenated name joined up), found by its beginning
--                        ("dup" finds Dupont): a prefix match on an index, where a LIKE '%...%' on the whole name
--                        would read every patient. Its prefix index depends on the database: V12.
-- V12 also fills both for the patients already there.
alter table patient add column name_key varchar(400);

create index patient_identity_idx on patient (birth_date, name_key);

create table patient_name_word (
    patient_id uuid         not null references patient (id),
    word       varchar(100) not null,
    primary key (patient_id, word)
);
