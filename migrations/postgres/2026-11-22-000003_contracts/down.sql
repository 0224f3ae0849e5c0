DROP TABLE invoice_counters;
DROP TABLE invoices;
DROP FUNCTION invoices_immutable();
DROP TABLE tenant_events;
DROP TABLE change_notices;
DROP TABLE contract_terms;
DROP TABLE contracts;
DROP TABLE catalogue_prices;
