-- A tenant selling to its own customers: invoicing settings, quotations,
-- sales invoices (drafts here; issued documents in `invoices` with
-- seller_tenant_id = the tenant), payments and reminders.

CREATE TABLE sales_settings (
    tenant_id TEXT PRIMARY KEY NOT NULL REFERENCES tenants (id),
    invoice_prefix TEXT NOT NULL,
    quotation_prefix TEXT NOT NULL,
    iban TEXT,
    bic TEXT,
    logo_media_type TEXT,
    -- The logo file, base64 (portable across both engines).
    logo_base64 TEXT,
    payment_term_days BIGINT NOT NULL,
    late_payment_policy TEXT NOT NULL CHECK (late_payment_policy IN ('none', 'statutory', 'contractual')),
    -- Yearly percent as text, for the contractual policy.
    contractual_rate TEXT,
    default_vat_rate TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE quotations (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    company_id TEXT REFERENCES companies (id),
    contact_id TEXT REFERENCES contacts (id),
    state TEXT NOT NULL CHECK (state IN ('draft', 'sent', 'accepted', 'declined')),
    -- Numbered when first sent, from the tenant's quotation series.
    number TEXT,
    issue_date DATE,
    valid_until DATE NOT NULL,
    title TEXT,
    notes TEXT,
    -- Lines as JSON; the buyer snapshot (JSON) is taken when sent.
    lines TEXT NOT NULL,
    buyer TEXT,
    total_excl_vat_cents BIGINT NOT NULL,
    vat_cents BIGINT NOT NULL,
    total_incl_vat_cents BIGINT NOT NULL,
    public_token_hash TEXT,
    sent_at TIMESTAMP,
    answered_at TIMESTAMP,
    sales_invoice_id TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX quotations_tenant_idx ON quotations (tenant_id, created_at);
CREATE UNIQUE INDEX quotations_token_idx ON quotations (public_token_hash);
CREATE UNIQUE INDEX quotations_number_idx ON quotations (tenant_id, number);

CREATE TABLE sales_invoices (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    company_id TEXT REFERENCES companies (id),
    contact_id TEXT REFERENCES contacts (id),
    -- draft or issued; paid/overdue/credited follow from the figures below.
    state TEXT NOT NULL CHECK (state IN ('draft', 'issued')),
    lines TEXT NOT NULL,
    notes TEXT,
    quotation_id TEXT REFERENCES quotations (id),
    -- The issued, immutable document.
    invoice_id TEXT REFERENCES invoices (id),
    number TEXT,
    issue_date DATE,
    due_date DATE,
    customer_name TEXT NOT NULL,
    total_excl_vat_cents BIGINT NOT NULL,
    vat_cents BIGINT NOT NULL,
    total_incl_vat_cents BIGINT NOT NULL,
    credited_cents BIGINT NOT NULL,
    paid_cents BIGINT NOT NULL,
    -- Principal still unpaid, from the domain's allocation (0 when paid).
    open_principal_cents BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX sales_invoices_tenant_idx ON sales_invoices (tenant_id, created_at);
CREATE UNIQUE INDEX sales_invoices_quotation_idx ON sales_invoices (quotation_id);

CREATE TABLE sales_payments (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    sales_invoice_id TEXT NOT NULL REFERENCES sales_invoices (id),
    amount_cents BIGINT NOT NULL,
    received_on DATE NOT NULL,
    reference TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX sales_payments_invoice_idx ON sales_payments (sales_invoice_id);

CREATE TABLE sales_reminders (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    sales_invoice_id TEXT NOT NULL REFERENCES sales_invoices (id),
    sent_on DATE NOT NULL,
    principal_cents BIGINT NOT NULL,
    interest_cents BIGINT NOT NULL,
    compensation_cents BIGINT NOT NULL,
    total_cents BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX sales_reminders_invoice_idx ON sales_reminders (sales_invoice_id);
