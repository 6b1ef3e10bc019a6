-- A key an operator declared the tenant's own workload (its evaluation harness, say), with the reason given:
-- behavioural detection follows it but opens no case for it and links it into no campaign.
alter table api_key add column own_workload varchar(200);
