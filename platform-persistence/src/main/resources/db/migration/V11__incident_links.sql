-- Cases that are related without being merged; each link is stored once per direction.
create table incident_link (
    incident_id bigint not null references incident (id),
    related_id  bigint not null references incident (id),
    primary key (incident_id, related_id)
);
