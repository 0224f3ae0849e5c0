-- The outbox of notices to Clients (SPEC §6): recorded first, delivered by
-- e-mail by a worker with retries. dedupe_key makes scheduled notices
-- idempotent (one "trial ends in 3 days" per trial, however often jobs run).
CREATE TABLE notices (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT REFERENCES tenants (id),
    recipient TEXT NOT NULL,
    kind TEXT NOT NULL,
    essential BOOLEAN NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    -- A one-time secret (an invitation token) put into the body's {secret}
    -- placeholder when sending, and wiped once sent: never kept at rest longer.
    secret TEXT,
    dedupe_key TEXT UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed', 'suppressed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP
);
CREATE INDEX notices_due_idx ON notices (status, next_attempt_at);
CREATE INDEX notices_tenant_idx ON notices (tenant_id, created_at);

-- A person's choice to receive no non-essential notices (terms art. 21).
CREATE TABLE communication_preferences (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    non_essential_opt_out BOOLEAN NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);
