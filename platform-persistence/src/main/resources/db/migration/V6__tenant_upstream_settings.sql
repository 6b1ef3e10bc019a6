-- A tenant's upstream API key (sealed with AES-GCM by Moat, never stored in clear) and its own timeouts.
alter table tenant add column upstream_api_key_sealed varchar(2000);
alter table tenant add column upstream_connect_timeout_ms integer;
alter table tenant add column upstream_read_timeout_ms integer;
