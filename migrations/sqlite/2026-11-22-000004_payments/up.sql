-- Payments of the operator's invoices, idempotency keys, disputes and the
-- acceleration of due dates (SPEC §3). Allocations are not stored: the
-- statement replays invoices and payments in date order (domain
-- billing::statement), so they can never disagree with the rules.

-- A Client that is a consumer gets the statutory consumer-debt regime.
ALTER TABLE tenants ADD COLUMN is_consumer BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE payments (
    id TEXT PRIMARY KEY NOT NULL,
    payer_tenant_id TEXT NOT NULL REFERENCES tenants (id),
    amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
    received_on DATE NOT NULL,
    -- Unique per payment: the provider's id, or one the operator makes.
    reference TEXT NOT NULL UNIQUE,
    -- The structured communication the payer quoted, if any.
    communication TEXT,
    source TEXT NOT NULL CHECK (source IN ('operator', 'webhook')),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX payments_payer_idx ON payments (payer_tenant_id, received_on);

-- A request made once: the same key again returns the stored answer; the
-- same key with another body is refused.
CREATE TABLE idempotency_keys (
    scope TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (scope, idempotency_key)
);

CREATE TABLE invoice_disputes (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    invoice_id TEXT NOT NULL UNIQUE REFERENCES invoices (id),
    reasons TEXT NOT NULL,
    lodged_at TIMESTAMP NOT NULL
);

-- terms art. 11: once one invoice is overdue, the others become due at once.
CREATE TABLE invoice_accelerations (
    invoice_id TEXT PRIMARY KEY NOT NULL REFERENCES invoices (id),
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    due_on DATE NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- A Client's SEPA Direct Debit mandate: while one is active its invoices are
-- collected on the invoice date (terms art. 10).
CREATE TABLE payment_mandates (
    mandate_id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    iban TEXT NOT NULL,
    bic TEXT,
    account_holder TEXT NOT NULL,
    signed_on DATE NOT NULL,
    revoked_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX payment_mandates_tenant_idx ON payment_mandates (tenant_id);

-- Collection costs actually incurred on an invoice (terms art. 11).
CREATE TABLE collection_costs (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    invoice_id TEXT NOT NULL REFERENCES invoices (id),
    amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
    incurred_on DATE NOT NULL,
    description TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX collection_costs_invoice_idx ON collection_costs (invoice_id);

-- The order behind an invoice cancelled for non-payment: liquidated damages
-- of 20 % of the price excl. VAT, at least EUR 100 (terms art. 11).
CREATE TABLE non_payment_cancellations (
    invoice_id TEXT PRIMARY KEY NOT NULL REFERENCES invoices (id),
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    cancelled_on DATE NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- Consumers: the free first reminder that starts the statutory period
-- (Code of Economic Law art. XIX.2) before any charge.
CREATE TABLE consumer_reminders (
    invoice_id TEXT PRIMARY KEY NOT NULL REFERENCES invoices (id),
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    sent_on DATE NOT NULL,
    created_at TIMESTAMP NOT NULL
);
