-- Operator-authored inspection rules, for one tenant or for all (tenant_id null). The rule itself is JSON (name,
-- kind, pattern, phrases or conditions, severity, mode), read by dev.moat.inspection.RuleDefinition.
create table inspection_rule (
    id         varchar(16)     not null primary key,
    tenant_id  varchar(63),
    definition varchar(100000) not null,
    enabled    boolean         not null,
    version    integer         not null,
    updated_at timestamp(6) with time zone not null,
    updated_by varchar(200)    not null,
    deleted_at timestamp(6) with time zone
);

-- Every version of every rule, as it was after the change: created, updated, disabled or deleted.
create table inspection_rule_version (
    id         varchar(24)     not null primary key,
    rule_id    varchar(16)     not null references inspection_rule (id),
    version    integer         not null,
    change     varchar(20)     not null,
    definition varchar(100000) not null,
    enabled    boolean         not null,
    changed_at timestamp(6) with time zone not null,
    changed_by varchar(200)    not null
);

create index inspection_rule_version_rule on inspection_rule_version (rule_id, version);
