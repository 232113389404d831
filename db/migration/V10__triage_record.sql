-- What the triage decided, kept with the referral (GET /api/referrals/{id}) rather than only in a
-- letter and the engine's history: the reason a referral is out of scope (G0), and whether the first
-- procedure's reports, slides and blocks are requested for expert review (U1, U2, M6). Referrals
-- triaged before this version keep nulls (their out-of-scope letter gives the reason).
alter table referral add column out_of_scope_reason varchar(1000);
alter table referral add column prior_procedure_review boolean;
