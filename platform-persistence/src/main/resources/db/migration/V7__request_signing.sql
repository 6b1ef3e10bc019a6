-- Request signing as a second factor: a tenant option, and each key's signing secret (sealed by Moat).
alter table tenant add column require_request_signing boolean default false not null;
alter table api_key add column signing_secret_sealed varchar(2000);
