-- Contracts (SPEC §1–2): the catalogue with scheduled prices, each tenant's
-- contract and its terms, change notices that open a 30-day right to
-- terminate, the tenant's timeline, and the invoices the operator issues.

-- Annual prices in cents, EUR excl. VAT, per item: 'basic', 'seat' or a
-- module code. A price applies to terms starting on or after effective_from.
CREATE TABLE catalogue_prices (
    id TEXT PRIMARY KEY NOT NULL,
    item TEXT NOT NULL,
    annual_price_cents BIGINT NOT NULL CHECK (annual_price_cents >= 0),
    effective_from TIMESTAMP NOT NULL,
    announced_at TIMESTAMP NOT NULL,
    UNIQUE (item, effective_from)
);
INSERT INTO catalogue_prices (id, item, annual_price_cents, effective_from, announced_at) VALUES
    ('00000000-0000-7000-8000-000000000001', 'basic', 48000, '2026-01-01 00:00:00', '2025-11-01 00:00:00'),
    ('00000000-0000-7000-8000-000000000002', 'seat', 12000, '2026-01-01 00:00:00', '2025-11-01 00:00:00'),
    ('00000000-0000-7000-8000-000000000003', 'crm', 12000, '2026-01-01 00:00:00', '2025-11-01 00:00:00'),
    ('00000000-0000-7000-8000-000000000004', 'calendar', 6000, '2026-01-01 00:00:00', '2025-11-01 00:00:00'),
    ('00000000-0000-7000-8000-000000000005', 'quotations', 9000, '2026-01-01 00:00:00', '2025-11-01 00:00:00'),
    ('00000000-0000-7000-8000-000000000006', 'projects', 12000, '2026-01-01 00:00:00', '2025-11-01 00:00:00'),
    ('00000000-0000-7000-8000-000000000007', 'invoicing', 12000, '2026-01-01 00:00:00', '2025-11-01 00:00:00'),
    ('00000000-0000-7000-8000-000000000008', 'ticketing', 12000, '2026-01-01 00:00:00', '2025-11-01 00:00:00'),
    ('00000000-0000-7000-8000-000000000009', 'voip', 15000, '2026-01-01 00:00:00', '2025-11-01 00:00:00'),
    ('00000000-0000-7000-8000-00000000000a', 'api', 6000, '2026-01-01 00:00:00', '2025-11-01 00:00:00');

CREATE TABLE contracts (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    -- ecom_domain::contract::ContractStatus names.
    status TEXT NOT NULL CHECK (status IN ('active', 'cancelled', 'suspended', 'ended', 'deactivated', 'terminated_by_operator', 'soft_deleted', 'anonymised')),
    term_length TEXT NOT NULL CHECK (term_length IN ('quarter', 'year')),
    -- The first day of the first term; every term is counted from it.
    started_on DATE NOT NULL,
    -- JSON arrays of module codes: now, and from the next term.
    modules TEXT NOT NULL,
    modules_next_term TEXT NOT NULL,
    extra_seats INTEGER NOT NULL CHECK (extra_seats >= 0),
    extra_seats_next_term INTEGER NOT NULL CHECK (extra_seats_next_term >= 0),
    term_seq INTEGER NOT NULL,
    term_starts_on DATE NOT NULL,
    term_ends_on DATE NOT NULL,
    term_price_cents BIGINT NOT NULL,
    delivered_at TIMESTAMP NOT NULL,
    nonconformity_reported_at TIMESTAMP,
    nonconformity TEXT,
    cancelled_at TIMESTAMP,
    cancel_reason TEXT,
    -- A cancellation after the deadline cites a change notice: which, of what kind, when notified.
    cancel_notice_id TEXT,
    cancel_notice_kind TEXT,
    cancel_notice_at TIMESTAMP,
    deactivated_at TIMESTAMP,
    suspended_at TIMESTAMP,
    -- 'non_payment' (lifted automatically once paid) or 'operator'.
    suspension_reason TEXT,
    terminated_at TIMESTAMP,
    termination_reason TEXT,
    -- For a breach: when the notice of default was received; force majeure: since when.
    termination_reason_since TIMESTAMP,
    export_window_ends_at TIMESTAMP,
    soft_deleted_at TIMESTAMP,
    anonymised_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX contracts_tenant_idx ON contracts (tenant_id, created_at);
-- At most one running contract per tenant, also when two orders race.
CREATE UNIQUE INDEX contracts_one_running_idx ON contracts (tenant_id) WHERE status IN ('active', 'cancelled', 'suspended');

-- Every term a contract ran or runs; (contract, seq) unique so a renewal
-- happens once however often the jobs run.
CREATE TABLE contract_terms (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    contract_id TEXT NOT NULL REFERENCES contracts (id),
    seq INTEGER NOT NULL,
    starts_on DATE NOT NULL,
    ends_on DATE NOT NULL,
    price_cents BIGINT NOT NULL,
    invoice_id TEXT,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (contract_id, seq)
);

-- A change announced to a Client (price, terms, service): 30 days to terminate.
CREATE TABLE change_notices (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    kind TEXT NOT NULL CHECK (kind IN ('price', 'terms', 'service')),
    summary TEXT NOT NULL,
    announced_at TIMESTAMP NOT NULL,
    effective_from TIMESTAMP NOT NULL
);
CREATE INDEX change_notices_tenant_idx ON change_notices (tenant_id, announced_at);

-- What happened to a tenant's account, for the tenant and the operator.
CREATE TABLE tenant_events (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    occurred_at TIMESTAMP NOT NULL,
    kind TEXT NOT NULL,
    summary TEXT NOT NULL,
    -- Idempotency of scheduled transitions: one event per key.
    dedupe_key TEXT UNIQUE
);
CREATE INDEX tenant_events_tenant_idx ON tenant_events (tenant_id, occurred_at);

-- Invoices and credit notes. seller_tenant_id NULL is the operator's own
-- ledger (invoicing its Clients); buyer_tenant_id is then the Client.
CREATE TABLE invoices (
    id TEXT PRIMARY KEY NOT NULL,
    seller_tenant_id TEXT REFERENCES tenants (id),
    buyer_tenant_id TEXT REFERENCES tenants (id),
    kind TEXT NOT NULL CHECK (kind IN ('invoice', 'credit_note')),
    series TEXT NOT NULL,
    year INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    number TEXT NOT NULL,
    issue_date DATE NOT NULL,
    due_date DATE NOT NULL,
    payment_method TEXT NOT NULL,
    structured_communication TEXT NOT NULL,
    currency TEXT NOT NULL,
    total_excl_vat_cents BIGINT NOT NULL,
    vat_cents BIGINT NOT NULL,
    total_incl_vat_cents BIGINT NOT NULL,
    -- The issued document as data (lines, VAT breakdown, parties): immutable.
    document TEXT NOT NULL,
    credited_invoice_id TEXT REFERENCES invoices (id),
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX invoices_number_idx ON invoices (COALESCE(seller_tenant_id, ''), series, year, seq);
CREATE INDEX invoices_buyer_idx ON invoices (buyer_tenant_id, issue_date);

-- The last number issued per ledger, series and year; locked by the issuing
-- transaction so numbers have no gaps and no duplicates.
CREATE TABLE invoice_counters (
    ledger TEXT NOT NULL,
    series TEXT NOT NULL,
    year INTEGER NOT NULL,
    last_seq INTEGER NOT NULL,
    PRIMARY KEY (ledger, series, year)
);

-- An issued invoice never changes: corrections are credit notes (SPEC §3).
CREATE TRIGGER invoices_no_update BEFORE UPDATE ON invoices
BEGIN
    SELECT RAISE(ABORT, 'issued invoices are immutable; issue a credit note');
END;
CREATE TRIGGER invoices_no_delete BEFORE DELETE ON invoices
BEGIN
    SELECT RAISE(ABORT, 'issued invoices are immutable; issue a credit note');
END;
