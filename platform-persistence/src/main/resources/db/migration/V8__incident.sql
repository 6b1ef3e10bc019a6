-- Incident cases. Case numbers come from a sequence and read MOAT-<number>.
create sequence incident_number_seq start with 1 increment by 1;

create table incident (
    id               bigint         not null primary key,
    title            varchar(300)   not null,
    description      varchar(20000) not null,
    severity         varchar(10)    not null,
    status           varchar(20)    not null,
    assignee         varchar(200),
    tenant_id        varchar(63),
    tags             varchar(2000)  not null,
    created_by       varchar(200)   not null,
    created_at       timestamp(6) with time zone not null,
    updated_at       timestamp(6) with time zone not null,
    due_at           timestamp(6) with time zone not null,
    resolved_at      timestamp(6) with time zone,
    sla_breach_noted boolean        not null,
    dedup_key        varchar(200),
    merged_into      bigint references incident (id),
    version          bigint         not null
);

create index incident_updated on incident (updated_at, id);
create index incident_tenant on incident (tenant_id);
create index incident_dedup on incident (dedup_key, status);

-- What a case is about: keys, addresses, networks, ASNs, countries, campaigns.
create table incident_observable (
    incident_id bigint       not null references incident (id),
    kind        varchar(20)  not null,
    observed    varchar(300) not null,
    primary key (incident_id, kind, observed)
);

create index incident_observable_value on incident_observable (kind, observed);

-- Every change and comment, in the order of their ids; never updated or deleted.
create sequence incident_timeline_seq start with 1 increment by 1;

create table incident_timeline (
    id          bigint         not null primary key,
    incident_id bigint         not null references incident (id),
    occurred_at timestamp(6) with time zone not null,
    actor       varchar(200)   not null,
    kind        varchar(30)    not null,
    body        varchar(20000) not null
);

create index incident_timeline_incident on incident_timeline (incident_id, id);

-- Evidence attached to a case: detections, masked sample requests, usage figures, verification results.
create sequence incident_evidence_seq start with 1 increment by 1;

create table incident_evidence (
    id          bigint         not null primary key,
    incident_id bigint         not null references incident (id),
    added_at    timestamp(6) with time zone not null,
    added_by    varchar(200)   not null,
    kind        varchar(30)    not null,
    summary     varchar(500)   not null,
    detail      varchar(20000) not null
);

create index incident_evidence_incident on incident_evidence (incident_id, id);

-- POSTs already answered, by the caller's Idempotency-Key: a retry gets the first result.
create table idempotent_request (
    caller_key   varchar(500) not null primary key,
    request_hash varchar(64)  not null,
    result_id    varchar(100) not null,
    created_at   timestamp(6) with time zone not null
);
