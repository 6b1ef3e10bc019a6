-- Each secret version marks at one strength (per cent of positions), so verification scores exactly the positions
-- that version marked; a new strength starts a new version.
alter table watermark_secret add column strength integer default 100 not null;
