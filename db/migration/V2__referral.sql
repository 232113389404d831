-- Our own records. Patient identity lives here, never in the engine: processes carry referral ids.

create table patient (
    id                  uuid primary key,
    -- The hospital's patient identifier (IPP); unique within the network's identity domain.
    identifier          varchar(64)  not null unique,
    display_name        varchar(200) not null,
    birth_date          date         not null,
    sex                 varchar(16)  not null,
    created_at          timestamp with time zone not null
);

create table referral (
    id                   uuid primary key,
    -- Human-readable key shown to coordinators and used as the process business key (e.g. RCP-2026-000123).
    business_key         varchar(32)  not null unique,
    -- Idempotency key chosen by the calling system: the same request posted twice is one referral.
    client_request_id    varchar(100) unique,
    patient_id           uuid         not null references patient (id),
    referring_physician  varchar(200) not null,
    presentation         varchar(32)  not null,
    site                 varchar(32)  not null,
    anatomical_location  varchar(200) not null,
    largest_dimension_cm numeric(5, 1),
    depth                varchar(16)  not null,
    prior_procedure      varchar(16)  not null,
    notes                varchar(4000),
    process_instance_id  varchar(64),
    created_at           timestamp with time zone not null,
    closed_at            timestamp with time zone,
    outcome              varchar(64)
);

create index referral_patient_idx on referral (patient_id);

create sequence referral_number_seq start with 1;
