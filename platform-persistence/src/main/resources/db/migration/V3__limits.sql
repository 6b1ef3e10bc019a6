-- Rate and token limits per tenant and per key; null means no limit of that kind.
alter table tenant add column requests_per_minute bigint;
alter table tenant add column tokens_per_minute bigint;
alter table tenant add column tokens_per_day bigint;

alter table api_key add column requests_per_minute bigint;
alter table api_key add column tokens_per_minute bigint;
alter table api_key add column tokens_per_day bigint;
