-- One row per gateway request; ids are UUIDs given when the request is answered, so replays are idempotent.
create table usage_event (
    id                varchar(36)   not null primary key,
    occurred_at       timestamp(6) with time zone not null,
    tenant_id         varchar(63),
    key_id            varchar(12),
    client_address    varchar(45)   not null,
    country           varchar(2),
    asn               bigint,
    endpoint          varchar(40)   not null,
    model             varchar(200),
    prompt_tokens     bigint        not null,
    completion_tokens bigint        not null,
    tokens_estimated  boolean       not null,
    latency_ms        bigint        not null,
    status            integer       not null,
    decision          varchar(40)   not null,
    findings          varchar(2000) not null
);

create index usage_event_time on usage_event (occurred_at, id);
create index usage_event_tenant_time on usage_event (tenant_id, occurred_at);
create index usage_event_key_time on usage_event (key_id, occurred_at);
