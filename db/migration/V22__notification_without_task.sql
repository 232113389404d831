-- An alert to the administrators that no task stands behind (issue 15: an account locked for a while after too many
-- wrong passwords in a row): its notification has no task. The kind ACCOUNT_LOCKED goes to the camunda-admin members
-- with an e-mail; about is the lock ("<end of the lock, epoch seconds>:<user id>"), so one message per lock. Never the
-- password tried.
alter table notification alter column task_id drop not null;
