-- M4: an MDT decision is never changed once recorded. A correction is a new version of it that keeps
-- the old one: version 1 is what the chair recorded at the session (Task_RecordMdtDecision), version
-- n + 1 supersedes version n and says why. The rows are only ever inserted (MdtService), never
-- updated or deleted. The version that counts is the newest version of the newest decision.
--
-- decided_at / decided_by are the MDT's decision (the session round) and are carried over to every
-- version of it; recorded_at / recorded_by say when and by whom this version was recorded.

alter table mdt_decision add column version integer not null default 1;
alter table mdt_decision alter column version drop default;

-- A version is superseded at most once (unique): two corrections of the same version cannot both win.
alter table mdt_decision add column supersedes_id uuid unique references mdt_decision (id);
alter table mdt_decision add column correction_reason varchar(4000);

alter table mdt_decision add column recorded_by varchar(64);
alter table mdt_decision add column recorded_at timestamp with time zone;
update mdt_decision set recorded_by = decided_by, recorded_at = decided_at;
alter table mdt_decision alter column recorded_at set not null;

-- Corrections are not recorded by a task of the process: only version 1 has a task.
alter table mdt_decision alter column task_id drop not null;

alter table mdt_decision add constraint mdt_decision_version_chain check (
    (version = 1 and supersedes_id is null and correction_reason is null and task_id is not null)
    or (version > 1 and supersedes_id is not null and correction_reason is not null and task_id is null));

-- M4: when the surgeon's technique differs from the MDT's decision, the reason (Task_AgreeBiopsyApproach).
alter table biopsy_approach add column deviation_reason varchar(4000);
