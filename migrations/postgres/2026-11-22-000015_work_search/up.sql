-- The work modules' lists (calls, time entries, calendar events, tasks) are
-- searched, sorted and paged in SQL.
--
-- `search_text`: the fields `q` searches, lower-cased by the repository and
-- joined by a line break (so a one-line search never matches across two
-- fields); `title_key`: the title lower-cased, for the title sort. Both are
-- never null, so both engines order and compare them alike. The backfill
-- below uses SQL lower(), which on SQLite folds ASCII letters only; the
-- repository rewrites both columns with full Unicode folding on every save.

ALTER TABLE call_records ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
UPDATE call_records SET search_text = lower(number) || '
' || lower(COALESCE(notes, ''));

ALTER TABLE time_entries ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
UPDATE time_entries SET search_text = lower(description);

ALTER TABLE calendar_events ADD COLUMN title_key TEXT NOT NULL DEFAULT '';
ALTER TABLE calendar_events ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
UPDATE calendar_events SET title_key = lower(title),
    search_text = lower(title) || '
' || lower(COALESCE(description, '')) || '
' || lower(COALESCE(location, ''));

ALTER TABLE project_tasks ADD COLUMN title_key TEXT NOT NULL DEFAULT '';
ALTER TABLE project_tasks ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
UPDATE project_tasks SET title_key = lower(title),
    search_text = lower(title) || '
' || lower(COALESCE(description, ''));

-- The default orders, with the id that breaks ties in the keyset.
DROP INDEX call_records_tenant_started_idx;
CREATE INDEX call_records_tenant_started_idx ON call_records (tenant_id, started_at, id);
CREATE INDEX time_entries_tenant_date_idx ON time_entries (tenant_id, entry_date, id);
DROP INDEX calendar_events_tenant_start_idx;
CREATE INDEX calendar_events_tenant_start_idx ON calendar_events (tenant_id, starts_at, id);
CREATE INDEX project_tasks_tenant_due_idx ON project_tasks (tenant_id, due_date, id);
