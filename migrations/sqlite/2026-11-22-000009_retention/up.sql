-- Retention and data-subject requests (SPEC §4).

-- Prospects and marketing contacts Ecom holds as controller: people without
-- an account. Erased (rows removed) two years after the last interaction, or
-- at once after "not interested".
CREATE TABLE prospects (
    id TEXT PRIMARY KEY NOT NULL,
    email TEXT NOT NULL,
    full_name TEXT,
    phone TEXT,
    company TEXT,
    interest_notes TEXT,
    source TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    last_interaction_at TIMESTAMP NOT NULL,
    not_interested_at TIMESTAMP
);
CREATE INDEX prospects_email_idx ON prospects (email);

-- A data-subject request: filed by the person (tenant_id/user_id set) or by
-- the operator for someone who wrote in. Due one calendar month after
-- receipt, extendable once by two months with a reason.
CREATE TABLE privacy_requests (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT,
    user_id TEXT,
    subject_email TEXT NOT NULL,
    right_kind TEXT NOT NULL,
    status TEXT NOT NULL,
    filed_by TEXT NOT NULL,
    details TEXT,
    received_at TIMESTAMP NOT NULL,
    due_at TIMESTAMP NOT NULL,
    extended_due_at TIMESTAMP,
    extension_reason TEXT,
    verified_at TIMESTAMP,
    verification_method TEXT,
    code_hash TEXT,
    code_expires_at TIMESTAMP,
    code_attempts INTEGER NOT NULL DEFAULT 0,
    outcome TEXT,
    closed_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX privacy_requests_due_idx ON privacy_requests (status, due_at);
CREATE INDEX privacy_requests_user_idx ON privacy_requests (tenant_id, user_id);

-- Restriction of processing: marketing and analytics do not use the data of
-- this address while a row without lifted_at exists.
CREATE TABLE privacy_restrictions (
    id TEXT PRIMARY KEY NOT NULL,
    subject_email TEXT NOT NULL,
    request_id TEXT,
    since TIMESTAMP NOT NULL,
    lifted_at TIMESTAMP
);
CREATE INDEX privacy_restrictions_email_idx ON privacy_restrictions (subject_email);

-- What the retention sweep and erasure requests removed: counts only, never
-- personal data (the aggregates that survive).
CREATE TABLE retention_erasures (
    id TEXT PRIMARY KEY NOT NULL,
    occurred_at TIMESTAMP NOT NULL,
    profile TEXT NOT NULL,
    tenant_id TEXT,
    subject_kind TEXT NOT NULL,
    table_name TEXT NOT NULL,
    row_count BIGINT NOT NULL,
    reason TEXT NOT NULL
);
CREATE INDEX retention_erasures_tenant_idx ON retention_erasures (tenant_id);

-- Erasure may take a person's id out of the audit log (the entry stays: what
-- happened, when), and may take the personal data off an invoice once its
-- legal hold has ended (the document is marked; amounts, numbers and dates
-- never change). Everything else stays append-only / immutable.
DROP TRIGGER audit_log_no_update;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NOT (
    NEW.id = OLD.id AND NEW.occurred_at = OLD.occurred_at AND NEW.tenant_id IS OLD.tenant_id
    AND NEW.actor_kind = OLD.actor_kind AND NEW.action = OLD.action AND NEW.target_kind IS OLD.target_kind
    AND NEW.details = OLD.details AND NEW.request_id IS OLD.request_id
    AND (NEW.actor_id IS OLD.actor_id OR NEW.actor_id IS NULL)
    AND (NEW.target_id IS OLD.target_id OR NEW.target_id IS NULL)
)
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only (erasure may only remove a person''s id)');
END;

DROP TRIGGER invoices_no_update;
CREATE TRIGGER invoices_no_update BEFORE UPDATE ON invoices
WHEN NOT (
    NEW.id = OLD.id AND NEW.seller_tenant_id IS OLD.seller_tenant_id AND NEW.buyer_tenant_id IS OLD.buyer_tenant_id
    AND NEW.kind = OLD.kind AND NEW.series = OLD.series AND NEW.year = OLD.year AND NEW.seq = OLD.seq
    AND NEW.number = OLD.number AND NEW.issue_date = OLD.issue_date AND NEW.due_date = OLD.due_date
    AND NEW.payment_method = OLD.payment_method AND NEW.structured_communication = OLD.structured_communication
    AND NEW.currency = OLD.currency AND NEW.total_excl_vat_cents = OLD.total_excl_vat_cents
    AND NEW.vat_cents = OLD.vat_cents AND NEW.total_incl_vat_cents = OLD.total_incl_vat_cents
    AND NEW.credited_invoice_id IS OLD.credited_invoice_id AND NEW.created_at = OLD.created_at
    AND instr(NEW.document, '"personal_data_redacted":true') > 0
)
BEGIN
    SELECT RAISE(ABORT, 'issued invoices are immutable; issue a credit note');
END;
