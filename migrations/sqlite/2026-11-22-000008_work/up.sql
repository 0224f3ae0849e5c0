-- The work modules (terms art. 1): calendar, projects and time, helpdesk
-- tickets and call records. Links to contacts and companies are checked by
-- the API (they belong to the CRM module, which may delete them).

CREATE TABLE calendar_events (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    title TEXT NOT NULL,
    description TEXT,
    location TEXT,
    all_day BOOLEAN NOT NULL DEFAULT FALSE,
    -- UTC; all-day events from Brussels midnight to the midnight after the last day.
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    contact_id TEXT,
    company_id TEXT,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX calendar_events_tenant_start_idx ON calendar_events (tenant_id, starts_at);

CREATE TABLE calendar_event_attendees (
    event_id TEXT NOT NULL REFERENCES calendar_events (id),
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    PRIMARY KEY (event_id, user_id)
);
CREATE INDEX calendar_event_attendees_user_idx ON calendar_event_attendees (tenant_id, user_id);

-- One iCalendar feed token per user, stored only as a SHA-256 hash.
CREATE TABLE calendar_feed_tokens (
    user_id TEXT PRIMARY KEY NOT NULL REFERENCES users (id),
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE projects (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    name TEXT NOT NULL,
    description TEXT,
    company_id TEXT,
    contact_id TEXT,
    -- planned, active, on_hold, completed, cancelled.
    status TEXT NOT NULL,
    -- Decimal hours as text (two decimals at most).
    budget_hours TEXT,
    hourly_rate_cents BIGINT NOT NULL,
    -- VAT % as text: 21, 12, 6 or 0.
    vat_rate TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX projects_tenant_name_idx ON projects (tenant_id, name);

CREATE TABLE project_tasks (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    project_id TEXT NOT NULL REFERENCES projects (id),
    title TEXT NOT NULL,
    description TEXT,
    assignee_id TEXT REFERENCES users (id),
    due_date DATE,
    -- todo, in_progress, done.
    status TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX project_tasks_tenant_project_idx ON project_tasks (tenant_id, project_id);

CREATE TABLE time_entries (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    project_id TEXT NOT NULL REFERENCES projects (id),
    task_id TEXT REFERENCES project_tasks (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    entry_date DATE NOT NULL,
    minutes BIGINT NOT NULL,
    description TEXT NOT NULL,
    billable BOOLEAN NOT NULL,
    -- Set once, when the entry goes onto an invoice; never billed twice.
    billed_at TIMESTAMP,
    invoice_reference TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX time_entries_tenant_project_idx ON time_entries (tenant_id, project_id, entry_date);

CREATE TABLE tickets (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    subject TEXT NOT NULL,
    description TEXT,
    requester_id TEXT NOT NULL,
    -- open, pending, resolved, closed.
    status TEXT NOT NULL,
    -- low, normal, high, urgent.
    priority TEXT NOT NULL,
    assignee_id TEXT REFERENCES users (id),
    first_response_at TIMESTAMP,
    resolved_at TIMESTAMP,
    -- JSON array of {from, until}: when the SLA clock stood still.
    sla_pauses TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX tickets_tenant_status_idx ON tickets (tenant_id, status);

CREATE TABLE ticket_messages (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    ticket_id TEXT NOT NULL REFERENCES tickets (id),
    author_id TEXT NOT NULL REFERENCES users (id),
    body TEXT NOT NULL,
    -- Internal notes are for colleagues only.
    internal BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX ticket_messages_ticket_idx ON ticket_messages (tenant_id, ticket_id);

CREATE TABLE call_records (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    -- E.164.
    number TEXT NOT NULL,
    -- inbound, outbound.
    direction TEXT NOT NULL,
    started_at TIMESTAMP NOT NULL,
    duration_seconds BIGINT NOT NULL,
    -- answered, no_answer, busy, voicemail, planned.
    outcome TEXT NOT NULL,
    notes TEXT,
    contact_id TEXT,
    user_id TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX call_records_tenant_started_idx ON call_records (tenant_id, started_at);

-- "Call me no more": only a keyed hash (HMAC-SHA256 with a server secret) of
-- the E.164 number and a masked hint; never the number itself.
CREATE TABLE do_not_call_numbers (
    id TEXT PRIMARY KEY NOT NULL,
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    number_hash TEXT NOT NULL,
    hint TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (tenant_id, number_hash)
);
