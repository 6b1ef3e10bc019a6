-- Tenants: organisations whose traffic Moat protects. Portable across H2 and PostgreSQL.
create table tenant (
    id                varchar(63)   not null primary key,
    name              varchar(200)  not null,
    upstream_base_url varchar(2000) not null,
    created_at        timestamp(6) with time zone not null,
    version           bigint        not null
);
