-- Tickets in other systems that a case corresponds to (Jira, ServiceNow, ...), so each points at the other.
create table incident_external_ref (
    incident_id bigint        not null references incident (id),
    ref_system  varchar(50)   not null,
    external_id varchar(200)  not null,
    url         varchar(2000),
    primary key (incident_id, ref_system, external_id)
);

create index incident_external_ref_lookup on incident_external_ref (ref_system, external_id);
