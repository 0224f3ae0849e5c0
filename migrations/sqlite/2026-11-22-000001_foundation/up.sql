-- Foundation: tenants, their people, sessions, API keys, policies, trials and the audit log.
-- Ids are UUIDs as text; times are UTC. Every tenant-owned table carries tenant_id.

CREATE TABLE tenants (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    country TEXT NOT NULL,
    vat_number TEXT,
    -- The company's address, printed on its invoices.
    street TEXT NOT NULL,
    postal_code TEXT NOT NULL,
    city TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('trial', 'active', 'suspended', 'terminated', 'deactivated')),
    trial_ends_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    function TEXT,
    phone TEXT,
    role TEXT NOT NULL CHECK (role IN ('administrator', 'user')),
    status TEXT NOT NULL CHECK (status IN ('invited', 'active', 'deactivated')),
    failed_login_count INTEGER NOT NULL DEFAULT 0,
    locked_until TIMESTAMP,
    invitation_token_hash TEXT UNIQUE,
    invitation_expires_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    activated_at TIMESTAMP,
    last_login_at TIMESTAMP,
    deactivated_at TIMESTAMP
);
CREATE INDEX users_tenant_idx ON users (tenant_id);
-- Exactly one Administrator per tenant (terms: the account may not be shared).
CREATE UNIQUE INDEX users_one_administrator_idx ON users (tenant_id) WHERE role = 'administrator';

CREATE TABLE operators (
    id TEXT PRIMARY KEY NOT NULL,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    failed_login_count INTEGER NOT NULL DEFAULT 0,
    locked_until TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    last_login_at TIMESTAMP
);

-- A log-in session: one chain of rotating refresh tokens. Revoking it ends
-- the access tokens issued for it too.
CREATE TABLE sessions (
    id TEXT PRIMARY KEY NOT NULL,
    subject_kind TEXT NOT NULL CHECK (subject_kind IN ('user', 'operator')),
    subject_id TEXT NOT NULL,
    tenant_id TEXT REFERENCES tenants (id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP,
    revoke_reason TEXT
);
CREATE INDEX sessions_subject_idx ON sessions (subject_id);

CREATE TABLE refresh_tokens (
    token_hash TEXT PRIMARY KEY NOT NULL,
    session_id TEXT NOT NULL REFERENCES sessions (id),
    issued_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);

CREATE TABLE api_keys (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    created_by TEXT NOT NULL REFERENCES users (id),
    name TEXT NOT NULL,
    prefix TEXT NOT NULL UNIQUE,
    secret_hash TEXT NOT NULL,
    -- JSON array; ["*"] is full access as the creator's role (terms art. 18).
    scopes TEXT NOT NULL DEFAULT '["*"]',
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP,
    last_used_at TIMESTAMP,
    last_used_country TEXT,
    revoked_at TIMESTAMP
);
CREATE INDEX api_keys_tenant_idx ON api_keys (tenant_id);

CREATE TABLE policy_versions (
    kind TEXT NOT NULL CHECK (kind IN ('terms', 'privacy', 'data_processing', 'cookies')),
    version TEXT NOT NULL,
    title TEXT NOT NULL,
    effective_from TIMESTAMP NOT NULL,
    PRIMARY KEY (kind, version)
);
INSERT INTO policy_versions (kind, version, title, effective_from) VALUES
    ('terms', '2026-01', 'General terms and conditions', '2026-01-01 00:00:00'),
    ('privacy', '2026-01', 'Privacy statement', '2026-01-01 00:00:00'),
    ('data_processing', '2026-01', 'Data processing agreement', '2026-01-01 00:00:00'),
    ('cookies', '2026-01', 'Cookie policy', '2026-01-01 00:00:00');

CREATE TABLE policy_acceptances (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL,
    version TEXT NOT NULL,
    accepted_at TIMESTAMP NOT NULL
);
CREATE INDEX policy_acceptances_tenant_idx ON policy_acceptances (tenant_id);

-- Who had a free trial, to refuse a repeated one within 2 years (SPEC §1).
CREATE TABLE trial_registrations (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    email TEXT NOT NULL,
    vat_number TEXT,
    started_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL
);
CREATE INDEX trial_registrations_email_idx ON trial_registrations (email);
CREATE INDEX trial_registrations_vat_idx ON trial_registrations (vat_number);

-- Append-only record of security- and money-relevant actions. Ids only, no
-- personal data in details.
CREATE TABLE audit_log (
    id TEXT PRIMARY KEY NOT NULL,
    occurred_at TIMESTAMP NOT NULL,
    tenant_id TEXT,
    actor_kind TEXT NOT NULL,
    actor_id TEXT,
    action TEXT NOT NULL,
    target_kind TEXT,
    target_id TEXT,
    details TEXT NOT NULL DEFAULT '{}',
    request_id TEXT
);
CREATE INDEX audit_log_tenant_idx ON audit_log (tenant_id, occurred_at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- Server-generated secrets (the JWT signing key when none is configured),
-- shared by every instance on the same database.
CREATE TABLE server_secrets (
    name TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
