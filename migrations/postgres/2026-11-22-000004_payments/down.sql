DROP TABLE consumer_reminders;
DROP TABLE non_payment_cancellations;
DROP TABLE collection_costs;
DROP TABLE payment_mandates;
DROP TABLE invoice_accelerations;
DROP TABLE invoice_disputes;
DROP TABLE idempotency_keys;
DROP TABLE payments;
ALTER TABLE tenants DROP COLUMN is_consumer;
