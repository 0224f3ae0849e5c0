-- The CRM module (terms art. 1): search and sort keys for companies and
-- contacts, a marketing consent flag on companies, and deals with their
-- stage history.

-- Lower-cased keys kept by the repository: `sort_name` and `city_key` for
-- keyset sorting (never null, so both engines order them alike),
-- `search_text` for the list search (name, e-mail, city, VAT, tags).
ALTER TABLE companies ADD COLUMN marketing_consent BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE companies ADD COLUMN sort_name TEXT NOT NULL DEFAULT '';
ALTER TABLE companies ADD COLUMN city_key TEXT NOT NULL DEFAULT '';
ALTER TABLE companies ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
CREATE INDEX companies_tenant_sort_name_idx ON companies (tenant_id, sort_name, id);

ALTER TABLE contacts ADD COLUMN sort_name TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN city_key TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
CREATE INDEX contacts_tenant_sort_name_idx ON contacts (tenant_id, sort_name, id);

CREATE TABLE deals (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    title TEXT NOT NULL,
    -- The title lower-cased: the search and the title sort (both engines alike).
    title_key TEXT NOT NULL,
    -- lead, qualified, proposal, negotiation, won, lost.
    stage TEXT NOT NULL,
    -- EUR, excluding VAT, in cents.
    value_cents BIGINT NOT NULL,
    -- Per cent, 0 to 100.
    probability BIGINT NOT NULL,
    expected_close_date DATE,
    owner_id TEXT NOT NULL REFERENCES users (id),
    company_id TEXT REFERENCES companies (id),
    contact_id TEXT REFERENCES contacts (id),
    notes TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX deals_tenant_stage_idx ON deals (tenant_id, stage);
CREATE INDEX deals_company_idx ON deals (company_id);
CREATE INDEX deals_contact_idx ON deals (contact_id);

-- Every stage a deal entered: who moved it, when, from and to (the first row
-- has no `from_stage`: the deal was created in `to_stage`).
CREATE TABLE deal_stage_changes (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    deal_id TEXT NOT NULL REFERENCES deals (id),
    from_stage TEXT,
    to_stage TEXT NOT NULL,
    changed_by TEXT NOT NULL REFERENCES users (id),
    changed_at TIMESTAMP NOT NULL
);
CREATE INDEX deal_stage_changes_deal_idx ON deal_stage_changes (deal_id, changed_at);
