-- Issue 16: the approach is looked up by the MDT decision version it was agreed for ("where mdt_decision_id = ? and
-- operating_surgeon = true", MdtService.approachAgreedFor and agreedApproach): by the S3 gate before every biopsy
-- order (BiopsyGate), in the patient's file each time it is read once an MDT has decided (PatientFiles: the
-- Dossier tab, the file page, the banner above a form) and in a biopsy's FHIR order. Without an index each lookup
-- scanned every approach ever agreed: p50 102 ms, p99 181 ms with 1,000,000 rows on the benchmark's machine;
-- 0.04 ms and 1 ms with it (README, "Benchmarks"). The only foreign key of our tables that had no index.
create index biopsy_approach_mdt_decision_idx on biopsy_approach (mdt_decision_id);
