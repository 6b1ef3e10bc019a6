-- Outbound webhook subscriptions; the signing secret is sealed (AES-GCM), never stored in the clear.
create table webhook_subscription (
    id            varchar(40)   not null primary key,
    url           varchar(2000) not null,
    event_types   varchar(500)  not null,
    secret_sealed varchar(500)  not null,
    description   varchar(300)  not null,
    created_by    varchar(200)  not null,
    created_at    timestamp(6) with time zone not null,
    deleted_at    timestamp(6) with time zone
);

-- The outbox: one row per event and subscription, written in the transaction of the change it reports.
create table webhook_delivery (
    id                   varchar(40)    not null primary key,
    subscription_id      varchar(40)    not null references webhook_subscription (id),
    event_type           varchar(50)    not null,
    payload              varchar(100000) not null,
    created_at           timestamp(6) with time zone not null,
    status               varchar(20)    not null,
    attempts             integer        not null,
    next_attempt_at      timestamp(6) with time zone,
    last_attempt_at      timestamp(6) with time zone,
    last_response_status integer,
    last_error           varchar(500),
    version              bigint         not null
);

create index webhook_delivery_due on webhook_delivery (status, next_attempt_at);
create index webhook_delivery_subscription on webhook_delivery (subscription_id, created_at);
