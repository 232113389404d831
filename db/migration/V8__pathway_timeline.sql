-- Issue 6: managers' figures as plain aggregations over one table.
--
-- pathway_timeline is the managers' view of a referral, one row each: what it is (site, presentation,
-- referrer, prior procedure, outcome: copied from referral when it is registered and closed), the
-- first time it passed each milestone (the milestone table stays the full log: a case can be
-- registered for the MDT twice), and the days of each measured interval, kept ready as numbers.
-- ReferralRepository and Milestones keep it up to date as they write, so a measure is one scan of
-- this table: no join, no pivot of the log, no date arithmetic on every row of every request.
create table pathway_timeline (
    referral_id                  uuid primary key references referral (id),
    business_key                 varchar(32),
    received_at                  timestamp with time zone,
    -- YYYY-MM in the network's time zone (Europe/Paris), for the monthly trend.
    received_month               varchar(7),
    site                         varchar(32),
    presentation                 varchar(32),
    referring_physician          varchar(200),
    prior_procedure              varchar(16),
    outcome                      varchar(64),
    closed_month                 varchar(7),
    referral_received_at         timestamp with time zone,
    first_imaging_ordered_at     timestamp with time zone,
    first_imaging_reported_at    timestamp with time zone,
    characterisation_ordered_at  timestamp with time zone,
    characterisation_reported_at timestamp with time zone,
    extension_workup_complete_at timestamp with time zone,
    mdt_registered_at            timestamp with time zone,
    mdt_decided_at               timestamp with time zone,
    approach_agreed_at           timestamp with time zone,
    biopsy_ordered_at            timestamp with time zone,
    closed_at                    timestamp with time zone,
    -- Not a milestone of the model, but what "chest CT before the MDT" (X1) is measured against.
    chest_ct_reported_at         timestamp with time zone,
    -- The latest milestone: the stage an open referral is in.
    last_milestone               varchar(48),
    last_milestone_at            timestamp with time zone,
    -- Days of each measured interval (PathwayInterval.ALL), null until both ends are known.
    referral_to_first_imaging_days double precision,
    first_imaging_to_mdt_days      double precision,
    mdt_to_biopsy_days             double precision,
    referral_to_diagnosis_days     double precision
);

insert into pathway_timeline (referral_id, referral_received_at, first_imaging_ordered_at, first_imaging_reported_at,
    characterisation_ordered_at, characterisation_reported_at, extension_workup_complete_at, mdt_registered_at,
    mdt_decided_at, approach_agreed_at, biopsy_ordered_at, closed_at)
select r.id,
    min(case when m.name = 'REFERRAL_RECEIVED' then m.occurred_at end),
    min(case when m.name = 'FIRST_IMAGING_ORDERED' then m.occurred_at end),
    min(case when m.name = 'FIRST_IMAGING_REPORTED' then m.occurred_at end),
    min(case when m.name = 'CHARACTERISATION_ORDERED' then m.occurred_at end),
    min(case when m.name = 'CHARACTERISATION_REPORTED' then m.occurred_at end),
    min(case when m.name = 'EXTENSION_WORKUP_COMPLETE' then m.occurred_at end),
    min(case when m.name = 'MDT_REGISTERED' then m.occurred_at end),
    min(case when m.name = 'MDT_DECIDED' then m.occurred_at end),
    min(case when m.name = 'APPROACH_AGREED' then m.occurred_at end),
    min(case when m.name = 'BIOPSY_ORDERED' then m.occurred_at end),
    min(case when m.name = 'CLOSED' then m.occurred_at end)
from referral r left join milestone m on m.referral_id = r.id
group by r.id;

update pathway_timeline set
    business_key = (select r.business_key from referral r where r.id = pathway_timeline.referral_id),
    received_at = (select r.created_at from referral r where r.id = pathway_timeline.referral_id),
    site = (select r.site from referral r where r.id = pathway_timeline.referral_id),
    presentation = (select r.presentation from referral r where r.id = pathway_timeline.referral_id),
    referring_physician = (select r.referring_physician from referral r where r.id = pathway_timeline.referral_id),
    prior_procedure = (select r.prior_procedure from referral r where r.id = pathway_timeline.referral_id),
    outcome = (select r.outcome from referral r where r.id = pathway_timeline.referral_id);
-- received_month and closed_month need the network's time zone: V9 (Java) fills them.

update pathway_timeline set
    last_milestone = (select m.name from milestone m where m.referral_id = pathway_timeline.referral_id
        order by m.occurred_at desc, m.id desc limit 1),
    last_milestone_at = (select max(m.occurred_at) from milestone m where m.referral_id = pathway_timeline.referral_id),
    chest_ct_reported_at = (select min(o.result_received_at) from exam_order o
        where o.referral_id = pathway_timeline.referral_id and o.modality = 'CHEST_CT');

update pathway_timeline set
    referral_to_first_imaging_days = case when first_imaging_reported_at >= referral_received_at then
        (extract(epoch from first_imaging_reported_at) - extract(epoch from referral_received_at)) / 86400.0 end,
    first_imaging_to_mdt_days = case when mdt_decided_at >= first_imaging_reported_at then
        (extract(epoch from mdt_decided_at) - extract(epoch from first_imaging_reported_at)) / 86400.0 end,
    mdt_to_biopsy_days = case when biopsy_ordered_at >= mdt_decided_at then
        (extract(epoch from biopsy_ordered_at) - extract(epoch from mdt_decided_at)) / 86400.0 end,
    referral_to_diagnosis_days = case when mdt_decided_at >= referral_received_at then
        (extract(epoch from mdt_decided_at) - extract(epoch from referral_received_at)) / 86400.0 end;

-- The oldest open referrals first.
create index pathway_timeline_open_idx on pathway_timeline (outcome, received_at);
-- The longest intervals first (the breaches listed with each interval).
create index pathway_timeline_first_imaging_idx on pathway_timeline (referral_to_first_imaging_days);
create index pathway_timeline_imaging_to_mdt_idx on pathway_timeline (first_imaging_to_mdt_days);
create index pathway_timeline_mdt_to_biopsy_idx on pathway_timeline (mdt_to_biopsy_days);
create index pathway_timeline_diagnosis_idx on pathway_timeline (referral_to_diagnosis_days);

-- Each user task's waiting time (created → taken) and working time (taken → ended), recorded by a
-- task listener on every user task (TaskTimeListener). The engine's history has no claim time.
create table task_time (
    task_id     varchar(64)  primary key,
    referral_id uuid         references referral (id),
    task_key    varchar(255) not null,
    -- When its referral was received (the measures' period), copied from pathway_timeline.
    received_at timestamp with time zone,
    created_at  timestamp with time zone not null,
    -- First assignment (claim, or assignment by a coordinator).
    taken_at    timestamp with time zone,
    due_at      timestamp with time zone,
    ended_at    timestamp with time zone,
    -- COMPLETED, or DELETED when a boundary event or a cancellation removed the task.
    end_reason  varchar(16),
    -- Ready numbers for the percentiles (as in pathway_timeline): created → taken (or completed when
    -- nobody took it first), and taken → completed.
    waiting_hours double precision,
    working_hours double precision,
    -- created → ended: the longest late tasks are listed first.
    total_hours   double precision
);
create index task_time_referral_idx on task_time (referral_id);
create index task_time_longest_idx on task_time (task_key, total_hours);

-- Tasks the engine already ran: the referral's own tasks, taken at their first claim or assignment in
-- the engine's operation log.
insert into task_time (task_id, referral_id, received_at, task_key, created_at, taken_at, due_at, ended_at, end_reason)
select t.id_, r.id, r.created_at, t.task_def_key_, t.start_time_,
    (select min(l.timestamp_) from act_hi_op_log l
        where l.task_id_ = t.id_ and l.operation_type_ in ('Claim', 'Assign')),
    t.due_date_, t.end_time_,
    case when t.end_time_ is null then null when t.delete_reason_ = 'completed' then 'COMPLETED' else 'DELETED' end
from act_hi_taskinst t join referral r on r.process_instance_id = t.root_proc_inst_id_
where t.task_def_key_ is not null;

update task_time set waiting_hours = (extract(epoch from coalesce(taken_at, ended_at)) - extract(epoch from created_at))
    / 3600.0 where coalesce(taken_at, ended_at) is not null;
update task_time set working_hours = (extract(epoch from ended_at) - extract(epoch from taken_at)) / 3600.0
    where end_reason = 'COMPLETED' and taken_at is not null;
update task_time set total_hours = (extract(epoch from ended_at) - extract(epoch from created_at)) / 3600.0
    where ended_at is not null;
