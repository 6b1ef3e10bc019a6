-- A tenant's response watermarking; a tenant without a row has it off.
create table watermark_policy (
    tenant_id      varchar(63)   not null primary key references tenant (id),
    lexical        boolean       not null,
    invisible      boolean       not null,
    strength       integer       not null,
    key_overrides  varchar(20000) not null,
    secret_version integer       not null,
    version        bigint        not null
);

-- Every version of a tenant's watermark secret, sealed (AES-GCM with MOAT_SECRETS_KEY); old versions stay for
-- verification.
create table watermark_secret (
    id         varchar(80)  not null primary key,
    tenant_id  varchar(63)  not null references tenant (id),
    version    integer      not null,
    sealed     varchar(200) not null,
    created_at timestamp(6) with time zone not null
);

-- A fingerprint of every watermarked answer: its SHA-256 and a four-byte tag per marked position (base64),
-- never the text.
create table watermark_record (
    id            varchar(36)    not null primary key,
    answered_at   timestamp(6) with time zone not null,
    tenant_id     varchar(63)    not null,
    key_id        varchar(12)    not null,
    key_version   integer        not null,
    text_sha256   varchar(64)    not null,
    positions     integer        not null,
    changed       integer        not null,
    position_tags varchar(600000) not null
);

create index watermark_record_text on watermark_record (text_sha256);
create index watermark_record_tenant on watermark_record (tenant_id, key_version, answered_at);
