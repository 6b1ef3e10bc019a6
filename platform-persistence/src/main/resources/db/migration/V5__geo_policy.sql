-- A tenant's geo-fence; a tenant without a row has the open default (everything allowed, travel flagged).
create table geo_policy (
    tenant_id               varchar(63)   not null primary key references tenant (id),
    country_mode            varchar(20)   not null,
    countries               varchar(2000) not null,
    denied_asns             varchar(2000) not null,
    deny_anonymous          boolean       not null,
    deny_hosting            boolean       not null,
    deny_unknown_location   boolean       not null,
    impossible_travel_kmh   integer,
    block_impossible_travel boolean       not null,
    version                 bigint        not null
);
