-- API keys: only keyed hashes (HMAC-SHA-256, hex) of their secrets are stored.
create table api_key (
    id                          varchar(12)   not null primary key,
    tenant_id                   varchar(63)   not null references tenant (id),
    name                        varchar(200)  not null,
    allowed_models              varchar(2000) not null,
    ip_allow_list               varchar(2000) not null,
    expires_at                  timestamp(6) with time zone,
    revoked_at                  timestamp(6) with time zone,
    secret_hash                 varchar(64)   not null,
    previous_secret_hash        varchar(64),
    previous_secret_valid_until timestamp(6) with time zone,
    created_by                  varchar(200)  not null,
    created_at                  timestamp(6) with time zone not null,
    rotated_at                  timestamp(6) with time zone,
    version                     bigint        not null
);

create index api_key_tenant on api_key (tenant_id);
