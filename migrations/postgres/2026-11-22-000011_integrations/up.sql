-- Integrations (issue 8): rotated API key secrets in their grace period,
-- webhook subscriptions with a durable delivery queue and per-attempt log,
-- and stored answers for the generic Idempotency-Key middleware.

-- The secret an API key had before a rotation; it keeps working until
-- valid_until (the grace period) so integrations can switch over.
CREATE TABLE api_key_previous_secrets (
    prefix TEXT PRIMARY KEY NOT NULL,
    api_key_id TEXT NOT NULL REFERENCES api_keys (id),
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    secret_hash TEXT NOT NULL,
    valid_until TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX api_key_previous_secrets_key_idx ON api_key_previous_secrets (api_key_id);

CREATE TABLE webhooks (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    url TEXT NOT NULL,
    description TEXT NOT NULL,
    -- JSON array of event kinds (contact.created, ...), or ["*"].
    events TEXT NOT NULL,
    -- Signs every delivery (HMAC-SHA256); must be kept to sign, so not hashed.
    secret TEXT NOT NULL,
    enabled BOOLEAN NOT NULL,
    -- Why it was disabled (by the Administrator, or after failing for days).
    disabled_reason TEXT,
    -- First failed delivery since the last success; NULL while healthy.
    failing_since TIMESTAMP,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX webhooks_tenant_idx ON webhooks (tenant_id);

-- Which domain events have been fanned out to webhook deliveries.
CREATE TABLE webhook_fanout (
    event_id TEXT PRIMARY KEY NOT NULL,
    fanned_out_at TIMESTAMP NOT NULL
);

CREATE TABLE webhook_deliveries (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    webhook_id TEXT NOT NULL REFERENCES webhooks (id),
    event_id TEXT NOT NULL,
    event_kind TEXT NOT NULL,
    -- The exact JSON body sent (and signed).
    body TEXT NOT NULL,
    -- pending, succeeded, failed (gave up), cancelled (webhook disabled or deleted).
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at TIMESTAMP NOT NULL,
    last_status_code INTEGER,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    delivered_at TIMESTAMP
);
CREATE UNIQUE INDEX webhook_deliveries_event_idx ON webhook_deliveries (webhook_id, event_id);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (status, next_attempt_at);

CREATE TABLE webhook_attempts (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    delivery_id TEXT NOT NULL REFERENCES webhook_deliveries (id),
    attempted_at TIMESTAMP NOT NULL,
    -- The receiver's HTTP status; NULL when no answer came (refused, timeout).
    status_code INTEGER,
    latency_ms BIGINT NOT NULL,
    error TEXT,
    succeeded BOOLEAN NOT NULL
);
CREATE INDEX webhook_attempts_delivery_idx ON webhook_attempts (delivery_id, attempted_at);

-- Answers to POSTs sent with an Idempotency-Key (any endpoint), scoped per
-- caller, method and path. status 0 = the first request is still running.
CREATE TABLE idempotent_requests (
    scope TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status INTEGER NOT NULL,
    content_type TEXT,
    body TEXT,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (scope, idempotency_key)
);
CREATE INDEX idempotent_requests_created_idx ON idempotent_requests (created_at);
