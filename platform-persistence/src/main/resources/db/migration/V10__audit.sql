-- The audit log: append-only, each entry chained to the one before by a SHA-256 hash.
create table audit_entry (
    seq           bigint         not null primary key,
    occurred_at   timestamp(6) with time zone not null,
    actor         varchar(200)   not null,
    actor_address varchar(45),
    action        varchar(60)    not null,
    target        varchar(200)   not null,
    tenant_id     varchar(63),
    before_state  varchar(20000),
    after_state   varchar(20000),
    previous_hash varchar(64)    not null,
    hash          varchar(64)    not null
);

create index audit_entry_time on audit_entry (occurred_at);
create index audit_entry_tenant on audit_entry (tenant_id, seq);

-- The chain's head, one row, locked by each append so entries chain in order across transactions and nodes.
create table audit_head (
    id        integer     not null primary key,
    last_seq  bigint      not null,
    last_hash varchar(64) not null
);

insert into audit_head (id, last_seq, last_hash)
values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
