-- The MDT record ("fiche RCP", PATHWAY.md: INCa/HAS minimum content), kept with every version of every MDT
-- decision (M4: rows only ever inserted) and printed as the annex of its letter.
--
-- The participants are chosen by name from the network's users; each row keeps the name, title and specialty the
-- identity store gave at the decision (a record is a document: a later change of the user does not rewrite it).
-- The quorum (M2) is checked on these named participants; mdt_decision.specialties and .attendees are derived from
-- them (their specialties; their names), for the readers that list them.
create table mdt_participant (
    decision_id  uuid         not null references mdt_decision (id),
    position     integer      not null,
    user_id      varchar(64)  not null,
    display_name varchar(300) not null,
    specialty    varchar(40),
    primary key (decision_id, position),
    constraint mdt_participant_once unique (decision_id, user_id)
);

-- The question put to the MDT (Task_PrepareMdtCase), and the clinical summary filled from our records at the
-- decision (presentation, exams and their conclusions, characterisation, pathology).
alter table mdt_decision add column question varchar(4000);
alter table mdt_decision add column clinical_summary varchar(16000);
-- The guideline the proposal follows, whether it conforms, and if not why.
alter table mdt_decision add column guideline varchar(500);
alter table mdt_decision add column guideline_conform boolean;
alter table mdt_decision add column non_conformity_reason varchar(2000);
-- Whether a clinical trial was considered (and which, or why not).
alter table mdt_decision add column clinical_trial_considered boolean;
alter table mdt_decision add column clinical_trial_detail varchar(2000);
-- Who informs the patient.
alter table mdt_decision add column patient_informed_by varchar(500);
-- The chair by name, who validates the record (the user who records the version; its name as the store gave it).
alter table mdt_decision add column chair_name varchar(300);

-- Decisions recorded before the fiche (null fiche fields) stay as they were; every new version has it whole.
alter table mdt_decision add constraint mdt_decision_non_conformity check (
    guideline_conform is null or guideline_conform = true or non_conformity_reason is not null);
