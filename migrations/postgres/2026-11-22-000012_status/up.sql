-- The public status page (terms art. 20): availability per Brussels day,
-- counted from the health samples the scheduler records on every run, and
-- the maintenance windows the operator announces.
CREATE TABLE status_days (
    day DATE PRIMARY KEY NOT NULL,
    samples BIGINT NOT NULL,
    healthy_samples BIGINT NOT NULL,
    -- Sum of the database round trips of the healthy samples, for the average.
    latency_ms_total BIGINT NOT NULL
);

CREATE TABLE maintenance_windows (
    id TEXT PRIMARY KEY NOT NULL,
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    description TEXT NOT NULL,
    announced_at TIMESTAMP NOT NULL,
    announced_by TEXT NOT NULL REFERENCES operators (id),
    cancelled_at TIMESTAMP
);
CREATE INDEX maintenance_windows_ends_idx ON maintenance_windows (ends_at);
