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
DROP TRIGGER audit_log_no_update ON audit_log;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE FUNCTION audit_log_erase_person_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id IS DISTINCT FROM OLD.id OR NEW.occurred_at IS DISTINCT FROM OLD.occurred_at
        OR NEW.tenant_id IS DISTINCT FROM OLD.tenant_id OR NEW.actor_kind IS DISTINCT FROM OLD.actor_kind
        OR NEW.action IS DISTINCT FROM OLD.action OR NEW.target_kind IS DISTINCT FROM OLD.target_kind
        OR NEW.details IS DISTINCT FROM OLD.details OR NEW.request_id IS DISTINCT FROM OLD.request_id
        OR (NEW.actor_id IS DISTINCT FROM OLD.actor_id AND NEW.actor_id IS NOT NULL)
        OR (NEW.target_id IS DISTINCT FROM OLD.target_id AND NEW.target_id IS NOT NULL) THEN
        RAISE EXCEPTION 'audit_log is append-only (erasure may only remove a person''s id)';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_erase_person_only();

DROP TRIGGER invoices_no_change ON invoices;
CREATE TRIGGER invoices_no_delete BEFORE DELETE ON invoices
    FOR EACH ROW EXECUTE FUNCTION invoices_immutable();
CREATE FUNCTION invoices_redact_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id IS DISTINCT FROM OLD.id OR NEW.seller_tenant_id IS DISTINCT FROM OLD.seller_tenant_id
        OR NEW.buyer_tenant_id IS DISTINCT FROM OLD.buyer_tenant_id OR NEW.kind IS DISTINCT FROM OLD.kind
        OR NEW.series IS DISTINCT FROM OLD.series OR NEW.year IS DISTINCT FROM OLD.year OR NEW.seq IS DISTINCT FROM OLD.seq
        OR NEW.number IS DISTINCT FROM OLD.number OR NEW.issue_date IS DISTINCT FROM OLD.issue_date
        OR NEW.due_date IS DISTINCT FROM OLD.due_date OR NEW.payment_method IS DISTINCT FROM OLD.payment_method
        OR NEW.structured_communication IS DISTINCT FROM OLD.structured_communication OR NEW.currency IS DISTINCT FROM OLD.currency
        OR NEW.total_excl_vat_cents IS DISTINCT FROM OLD.total_excl_vat_cents OR NEW.vat_cents IS DISTINCT FROM OLD.vat_cents
        OR NEW.total_incl_vat_cents IS DISTINCT FROM OLD.total_incl_vat_cents
        OR NEW.credited_invoice_id IS DISTINCT FROM OLD.credited_invoice_id OR NEW.created_at IS DISTINCT FROM OLD.created_at
        OR strpos(NEW.document, '"personal_data_redacted":true') = 0 THEN
        RAISE EXCEPTION 'issued invoices are immutable; issue a credit note';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER invoices_no_update BEFORE UPDATE ON invoices
    FOR EACH ROW EXECUTE FUNCTION invoices_redact_only();
