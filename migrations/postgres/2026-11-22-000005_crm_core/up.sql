-- The tenant's own customers (terms art. 1, the CRM module) and the outbox of
-- domain events that webhooks and other consumers read (one row per change,
-- written in the same transaction as the change).

CREATE TABLE companies (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    name TEXT NOT NULL,
    -- Normalised (country prefix, no spaces or dots), validated by the domain.
    vat_number TEXT,
    email TEXT,
    phone TEXT,
    website TEXT,
    street TEXT,
    postal_code TEXT,
    city TEXT,
    -- ISO 3166-1 alpha-2.
    country TEXT,
    -- JSON array of strings.
    tags TEXT NOT NULL DEFAULT '[]',
    notes TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX companies_tenant_name_idx ON companies (tenant_id, name);
CREATE INDEX companies_tenant_vat_idx ON companies (tenant_id, vat_number);

CREATE TABLE contacts (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    company_id TEXT REFERENCES companies (id),
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    mobile TEXT,
    job_title TEXT,
    street TEXT,
    postal_code TEXT,
    city TEXT,
    country TEXT,
    -- BCP 47 language tag for correspondence (nl, fr, en, ...).
    language TEXT,
    tags TEXT NOT NULL DEFAULT '[]',
    notes TEXT,
    marketing_consent BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX contacts_tenant_name_idx ON contacts (tenant_id, last_name, first_name);
CREATE INDEX contacts_tenant_email_idx ON contacts (tenant_id, email);
CREATE INDEX contacts_company_idx ON contacts (company_id);

CREATE TABLE domain_events (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    -- e.g. contact.created, invoice.updated, payment.created.
    kind TEXT NOT NULL,
    resource_type TEXT NOT NULL,
    resource_id TEXT NOT NULL,
    -- JSON: the resource as the API shows it after the change.
    payload TEXT NOT NULL,
    occurred_at TIMESTAMP NOT NULL
);
CREATE INDEX domain_events_tenant_idx ON domain_events (tenant_id, occurred_at);
