DROP TABLE sales_reminders;
DROP TABLE sales_payments;
DROP TABLE sales_invoices;
DROP TABLE quotations;
DROP TABLE sales_settings;
