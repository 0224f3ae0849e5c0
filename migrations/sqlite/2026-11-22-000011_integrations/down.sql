DROP TABLE idempotent_requests;
DROP TABLE webhook_attempts;
DROP TABLE webhook_deliveries;
DROP TABLE webhook_fanout;
DROP TABLE webhooks;
DROP TABLE api_key_previous_secrets;
