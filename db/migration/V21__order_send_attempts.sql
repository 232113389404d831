-- Issue 15: every attempt to send an order is recorded on its outbox entry, a failed one too (in a transaction of
-- its own, after the job's rollback, OrderDispatcher): attempts, last_error (V4) and when the last attempt was made.
alter table order_outbox add column last_attempt_at timestamp with time zone;

-- Order sends have a lower job priority than the pathway's other jobs (ServiceTask_SendOrder's camunda:jobPriority)
-- and the job executor acquires by priority (camunda.bpm.generic-properties: job-executor-acquire-by-priority):
-- the index the Camunda manual recommends for that acquisition order ("The Job Order of Job Acquisition").
create index sarcoma_act_ru_job_priority_idx on act_ru_job (priority_ desc);
