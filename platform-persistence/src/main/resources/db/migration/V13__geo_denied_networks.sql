-- Networks (CIDRs) a tenant's keys may not be used from, such as a scraper's address range found in a case.
alter table geo_policy add column denied_networks varchar(4000) default '' not null;
