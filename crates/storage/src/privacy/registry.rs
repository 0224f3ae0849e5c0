//! THE REGISTRY: every table that holds a tenant's data or a person's data,
//! with what the tenant export, the person's export (access/portability)
//! and erasure do with it. One entry per table; a module that adds a table
//! adds one entry here and is then covered by the tenant export, the
//! retention sweep and erasure requests.
//!
//! Order matters: entries are erased top to bottom, so a table comes BEFORE
//! the tables its foreign keys reference (contacts before companies).
//!
//! To add a tenant module table (e.g. `deals` with a `tenant_id` column):
//! ```text
//! TenantTable { table: "deals", tenant_column: "tenant_id", hidden: &[], erase: TenantErase::DeleteRows },
//! ```
//! placed above the tables it references. A table listed twice (e.g.
//! `invoices` by `buyer_tenant_id` and by `seller_tenant_id`) is exported the
//! second time as `<table>_by_<column>`. A table that stores a person Ecom
//! holds data about (an account, an e-mail address) also gets a
//! [`PersonTable`] entry.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use ecom_domain::{TenantId, UserId};

use super::dynamic::{self, Match};
use crate::convert::id_text;
use crate::{DbConnection, StorageResult};

/// What erasing a tenant's data (anonymisation after soft deletion, or two
/// years after a trial that never converted) does to a table.
#[derive(Debug, Clone, Copy)]
pub enum TenantErase {
    /// The tenant's rows are removed.
    DeleteRows,
    /// Kept, with the reason (company data, legal hold, no personal data).
    Keep(&'static str),
    /// A function overwrites or removes; returns the rows changed.
    Custom(fn(&mut DbConnection, TenantId) -> StorageResult<usize>),
}

/// A table of a tenant's data.
#[derive(Debug, Clone, Copy)]
pub struct TenantTable {
    pub table: &'static str,
    /// The column holding the tenant's id.
    pub tenant_column: &'static str,
    /// Columns never exported (secret hashes).
    pub hidden: &'static [&'static str],
    pub erase: TenantErase,
}

/// Every table of a tenant's data: the tenant export writes each one (JSON +
/// CSV); tenant erasure applies `erase` top to bottom.
pub const TENANT_TABLES: &[TenantTable] = &[
    TenantTable {
        table: "tenants",
        tenant_column: "id",
        hidden: &[],
        erase: TenantErase::Keep("general company data (privacy statement: kept)"),
    },
    // --- Tenant modules (the coordinator adds the new modules' tables here, above what they reference) ---
    // Integrations (children first; webhook deliveries carry event bodies).
    TenantTable {
        table: "webhook_attempts",
        tenant_column: "tenant_id",
        hidden: &[],
        erase: TenantErase::DeleteRows,
    },
    TenantTable {
        table: "webhook_deliveries",
        tenant_column: "tenant_id",
        hidden: &[],
        erase: TenantErase::DeleteRows,
    },
    TenantTable {
        table: "webhooks",
        tenant_column: "tenant_id",
        hidden: &["secret"],
        erase: TenantErase::DeleteRows,
    },
    TenantTable {
        table: "api_key_previous_secrets",
        tenant_column: "tenant_id",
        hidden: &["secret_hash"],
        erase: TenantErase::DeleteRows,
    },
    // (`webhook_fanout` holds only event ids and times, `idempotent_requests`
    // is purged after 24 hours by the jobs: neither is listed.)
    // Work: projects and time, calendar, tickets, calls.
    TenantTable {
        table: "time_entries",
        tenant_column: "tenant_id",
        hidden: &[],
        erase: TenantErase::DeleteRows,
    },
    TenantTable {
        table: "project_tasks",
        tenant_column: "tenant_id",
        hidden: &[],
        erase: TenantErase::DeleteRows,
    },
    TenantTable {
        table: "projects",
        tenant_column: "tenant_id",
        hidden: &[],
        erase: TenantErase::DeleteRows,
    },
    TenantTable {
        table: "calendar_event_attendees",
        tenant_column: "tenant_id",
        hidden: &[],
        erase: TenantErase::DeleteRows,
    },
    TenantTable {
        table: "calendar_events",
        tenant_column: "tenant_id",
        hidden: &[],
        erase: TenantErase::DeleteRows,
    },
    TenantTable {
        table: "calendar_feed_tokens",
        tenant_column: "tenant_id",
        hidden: &["token_hash"],
        erase: TenantErase::DeleteRows,
    },
    TenantTable {
        table: "ticket_messages",
        tenant_column: "tenant_id",
        hidden: &[],
        erase: TenantErase::DeleteRows,
    },
    TenantTable {
        table: "tickets",
        tenant_column: "tenant_id",
        hidden: &[],
        erase: TenantErase::DeleteRows,
    },
    TenantTable {
        table: "call_records",
        tenant_column: "tenant_id",
        hidden: &[],
        erase: TenantErase::DeleteRows,
    },
    TenantTable {
        table: "do_not_call_numbers",
        tenant_column: "tenant_id",
        hidden: &["number_hash"],
        erase: TenantErase::DeleteRows,
    },
    // Sales: reminders and payments before their invoice, invoices before the
    // quotations they came from; all before companies and contacts.
    TenantTable {
        table: "sales_reminders",
        tenant_column: "tenant_id",
        hidden: &[],
        erase: TenantErase::DeleteRows,
    },
    TenantTable {
        table: "sales_payments",
        tenant_column: "tenant_id",
        hidden: &[],
        erase: TenantErase::DeleteRows,
    },
    TenantTable {
        table: "sales_invoices",
        tenant_column: "tenant_id",
        hidden: &[],
        erase: TenantErase::DeleteRows,
    },
    TenantTable {
        table: "quotations",
        tenant_column: "tenant_id",
        hidden: &["public_token_hash"],
        erase: TenantErase::DeleteRows,
    },
    TenantTable {
        table: "sales_settings",
        tenant_column: "tenant_id",
        hidden: &[],
        erase: TenantErase::DeleteRows,
    },
    // CRM.
    TenantTable {
        table: "deal_stage_changes",
        tenant_column: "tenant_id",
        hidden: &[],
        erase: TenantErase::DeleteRows,
    },
    TenantTable {
        table: "deals",
        tenant_column: "tenant_id",
        hidden: &[],
        erase: TenantErase::DeleteRows,
    },
    TenantTable {
        table: "contacts",
        tenant_column: "tenant_id",
        hidden: &[],
        erase: TenantErase::DeleteRows,
    },
    TenantTable {
        table: "companies",
        tenant_column: "tenant_id",
        hidden: &[],
        erase: TenantErase::DeleteRows,
    },
    TenantTable {
        table: "domain_events",
        tenant_column: "tenant_id",
        hidden: &[],
        erase: TenantErase::DeleteRows,
    },
    // --- Accounts and communication ---
    TenantTable {
        table: "users",
        tenant_column: "tenant_id",
        hidden: &["password_hash", "invitation_token_hash"],
        erase: TenantErase::Custom(anonymise_tenant_users),
    },
    TenantTable {
        table: "api_keys",
        tenant_column: "tenant_id",
        hidden: &["secret_hash"],
        erase: TenantErase::DeleteRows,
    },
    // Consent (marketing lists, restrictions of processing) of the tenant's accounts.
    TenantTable {
        table: "marketing_consents",
        tenant_column: "tenant_id",
        hidden: &[],
        erase: TenantErase::DeleteRows,
    },
    TenantTable {
        table: "processing_restrictions",
        tenant_column: "tenant_id",
        hidden: &[],
        erase: TenantErase::DeleteRows,
    },
    TenantTable {
        table: "sessions",
        tenant_column: "tenant_id",
        hidden: &[],
        erase: TenantErase::Custom(delete_tenant_sessions),
    },
    TenantTable {
        table: "communication_preferences",
        tenant_column: "tenant_id",
        hidden: &[],
        erase: TenantErase::DeleteRows,
    },
    TenantTable {
        table: "policy_acceptances",
        tenant_column: "tenant_id",
        hidden: &[],
        erase: TenantErase::DeleteRows,
    },
    TenantTable {
        table: "notices",
        tenant_column: "tenant_id",
        hidden: &["secret"],
        erase: TenantErase::Custom(redact_tenant_notices),
    },
    TenantTable {
        table: "trial_registrations",
        tenant_column: "tenant_id",
        hidden: &[],
        erase: TenantErase::Custom(overwrite_tenant_trial_emails),
    },
    TenantTable {
        table: "audit_log",
        tenant_column: "tenant_id",
        hidden: &[],
        erase: TenantErase::Custom(pseudonymise_tenant_audit),
    },
    // --- Contract and billing with Ecom ---
    TenantTable {
        table: "tenant_events",
        tenant_column: "tenant_id",
        hidden: &[],
        erase: TenantErase::Keep("history of the contract (no personal data)"),
    },
    TenantTable {
        table: "change_notices",
        tenant_column: "tenant_id",
        hidden: &[],
        erase: TenantErase::Keep("contract record (no personal data)"),
    },
    TenantTable {
        table: "contract_terms",
        tenant_column: "tenant_id",
        hidden: &[],
        erase: TenantErase::Keep("contract record (no personal data)"),
    },
    TenantTable {
        table: "contracts",
        tenant_column: "tenant_id",
        hidden: &[],
        erase: TenantErase::Keep("contract record and churn reason (privacy statement: kept)"),
    },
    TenantTable {
        table: "payment_mandates",
        tenant_column: "tenant_id",
        hidden: &[],
        erase: TenantErase::DeleteRows,
    },
    TenantTable {
        table: "invoice_disputes",
        tenant_column: "tenant_id",
        hidden: &[],
        erase: TenantErase::Keep("part of the invoice record (legal hold)"),
    },
    TenantTable {
        table: "payments",
        tenant_column: "payer_tenant_id",
        hidden: &[],
        erase: TenantErase::Keep("accounting record (no personal data)"),
    },
    TenantTable {
        table: "invoices",
        tenant_column: "buyer_tenant_id",
        hidden: &[],
        erase: TenantErase::Keep("invoices: legal hold of the invoice retention period"),
    },
    // The tenant's own invoices to its customers (exported as `invoices_by_seller_tenant_id`).
    TenantTable {
        table: "invoices",
        tenant_column: "seller_tenant_id",
        hidden: &[],
        erase: TenantErase::Keep("the tenant's own invoices: immutable, legal hold"),
    },
];

/// Who a person is, as far as the stored data can tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// Their account, if they have one.
    pub account: Option<(TenantId, UserId)>,
    /// Lower-case e-mail address.
    pub email: String,
}

/// How a person's rows are found in a table.
#[derive(Debug, Clone, Copy)]
pub enum PersonKey {
    /// The column holds the account's user id.
    UserId(&'static str),
    /// The column holds the e-mail address.
    Email(&'static str),
    /// The e-mail address occurs in the column's text (e.g. a JSON document).
    EmailInside(&'static str),
}

/// What erasing a person does to a table.
#[derive(Debug, Clone, Copy)]
pub enum PersonErase {
    DeleteRows,
    /// The rows stay, these columns are set to NULL (the rest is not personal).
    NullColumns(&'static [&'static str]),
    Custom(fn(&mut DbConnection, &Person) -> StorageResult<usize>),
    /// Kept under this legal hold or obligation (said item by item in the answer to an erasure request).
    Keep(&'static str),
}

/// A table with data about persons Ecom holds as controller.
#[derive(Debug, Clone, Copy)]
pub struct PersonTable {
    pub table: &'static str,
    pub key: PersonKey,
    pub hidden: &'static [&'static str],
    pub erase: PersonErase,
    /// What the table holds, in words, for the answers to requests.
    pub what: &'static str,
}

/// The legal hold on invoices (said in erasure answers).
pub const INVOICE_HOLD: &str = "legal hold: Belgian accounting law keeps invoices, with the personal data printed on them, for the invoice retention period from 1 January after the invoice date";

/// Every table with a person's data (the operator's data as controller):
/// the person's export reads each one; erasure applies `erase` top to bottom.
pub const PERSON_TABLES: &[PersonTable] = &[
    PersonTable { table: "users", key: PersonKey::UserId("id"), hidden: &["password_hash", "invitation_token_hash"], erase: PersonErase::Custom(overwrite_user), what: "your account: name, e-mail, phone, function, log-in times" },
    PersonTable { table: "sessions", key: PersonKey::UserId("subject_id"), hidden: &[], erase: PersonErase::Custom(delete_user_sessions), what: "your log-in sessions" },
    PersonTable { table: "api_keys", key: PersonKey::UserId("created_by"), hidden: &["secret_hash"], erase: PersonErase::DeleteRows, what: "API keys you created (usage country only, never the IP address)" },
    PersonTable { table: "communication_preferences", key: PersonKey::UserId("user_id"), hidden: &[], erase: PersonErase::DeleteRows, what: "your communication preferences" },
    PersonTable { table: "policy_acceptances", key: PersonKey::UserId("user_id"), hidden: &[], erase: PersonErase::DeleteRows, what: "the terms and policies you accepted" },
    PersonTable { table: "marketing_consents", key: PersonKey::UserId("user_id"), hidden: &[], erase: PersonErase::DeleteRows, what: "your marketing e-mail choices (lists, when and how you chose)" },
    PersonTable { table: "processing_restrictions", key: PersonKey::UserId("user_id"), hidden: &[], erase: PersonErase::DeleteRows, what: "the restriction of processing on your account" },
    PersonTable { table: "notices", key: PersonKey::Email("recipient"), hidden: &["secret"], erase: PersonErase::Custom(redact_person_notices), what: "e-mails Ecom sent you (the record that a notice of a kind was sent stays, without address or text)" },
    PersonTable { table: "trial_registrations", key: PersonKey::Email("email"), hidden: &[], erase: PersonErase::Custom(overwrite_trial_email), what: "your free-trial registration" },
    PersonTable { table: "audit_log", key: PersonKey::UserId("actor_id"), hidden: &[], erase: PersonErase::Custom(pseudonymise_person_audit), what: "security log entries of actions you took (the entries stay, without your id)" },
    PersonTable { table: "prospects", key: PersonKey::Email("email"), hidden: &[], erase: PersonErase::DeleteRows, what: "marketing contact details and interest notes" },
    PersonTable { table: "privacy_restrictions", key: PersonKey::Email("subject_email"), hidden: &[], erase: PersonErase::DeleteRows, what: "restrictions of processing you asked for" },
    PersonTable {
        table: "privacy_requests",
        key: PersonKey::Email("subject_email"),
        hidden: &["code_hash"],
        erase: PersonErase::Keep("the record of your privacy requests and how they were answered (GDPR art. 5(2): Ecom must be able to show it answered them)"),
        what: "your privacy requests",
    },
    PersonTable { table: "invoices", key: PersonKey::EmailInside("document"), hidden: &[], erase: PersonErase::Keep(INVOICE_HOLD), what: "invoices addressed to you" },
];

fn matching<'a>(
    key: PersonKey,
    person: &'a Person,
    user_text: &'a Option<String>,
) -> Option<Match<'a>> {
    match key {
        PersonKey::UserId(column) => user_text.as_deref().map(|id| Match::Equals(column, id)),
        PersonKey::Email(column) => Some(Match::Equals(column, &person.email)),
        PersonKey::EmailInside(column) => Some(Match::Contains(column, &person.email)),
    }
}

/// One table's part of a person's export.
#[derive(Debug, Clone)]
pub struct TableRows {
    pub table: &'static str,
    pub what: &'static str,
    pub columns: Vec<String>,
    pub rows: Vec<serde_json::Map<String, serde_json::Value>>,
}

/// Everything held about `person`, table by table (empty tables included).
pub fn export_person(conn: &mut DbConnection, person: &Person) -> StorageResult<Vec<TableRows>> {
    let user_text = person.account.map(|(_, u)| id_text(u.0));
    let mut out = Vec::new();
    for entry in PERSON_TABLES {
        let Some(m) = matching(entry.key, person, &user_text) else {
            out.push(TableRows {
                table: entry.table,
                what: entry.what,
                columns: Vec::new(),
                rows: Vec::new(),
            });
            continue;
        };
        let (columns, rows) = dynamic::select(conn, entry.table, m, entry.hidden)?;
        out.push(TableRows {
            table: entry.table,
            what: entry.what,
            columns,
            rows,
        });
    }
    Ok(out)
}

/// What erasure did to one table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErasedItem {
    pub table: &'static str,
    pub what: &'static str,
    /// Rows removed or overwritten.
    pub erased: usize,
    /// Rows kept, and why (a legal hold or obligation).
    pub kept: usize,
    pub kept_because: Option<&'static str>,
}

/// Erases what may be erased about `person`; answers item by item.
pub fn erase_person(conn: &mut DbConnection, person: &Person) -> StorageResult<Vec<ErasedItem>> {
    let user_text = person.account.map(|(_, u)| id_text(u.0));
    let mut items = Vec::new();
    for entry in PERSON_TABLES {
        let Some(m) = matching(entry.key, person, &user_text) else {
            continue;
        };
        let item = match entry.erase {
            PersonErase::DeleteRows => ErasedItem {
                table: entry.table,
                what: entry.what,
                erased: dynamic::delete(conn, entry.table, m)?,
                kept: 0,
                kept_because: None,
            },
            PersonErase::NullColumns(columns) => ErasedItem {
                table: entry.table,
                what: entry.what,
                erased: dynamic::set_null(conn, entry.table, columns, m)?,
                kept: 0,
                kept_because: None,
            },
            PersonErase::Custom(f) => ErasedItem {
                table: entry.table,
                what: entry.what,
                erased: f(conn, person)?,
                kept: 0,
                kept_because: None,
            },
            PersonErase::Keep(why) => {
                let kept = usize::try_from(dynamic::count(conn, entry.table, m)?).unwrap_or(0);
                ErasedItem {
                    table: entry.table,
                    what: entry.what,
                    erased: 0,
                    kept,
                    kept_because: (kept > 0).then_some(why),
                }
            }
        };
        items.push(item);
    }
    Ok(items)
}

/// One table of a tenant's export.
pub fn export_tenant_table(
    conn: &mut DbConnection,
    tenant: TenantId,
    entry: &TenantTable,
) -> StorageResult<dynamic::Rows> {
    let id = id_text(tenant.0);
    dynamic::select(
        conn,
        entry.table,
        Match::Equals(entry.tenant_column, &id),
        entry.hidden,
    )
}

/// Reads one table of a tenant's export in batches of at most `batch`
/// rows, in primary-key order: each query starts after the last key of the
/// previous one, so no more than one batch is held, whatever the table's
/// size. Read every table inside one [`read_snapshot`](crate::read_snapshot)
/// so they agree with each other (and a [`rewind`](Self::rewind) reads the
/// same rows again).
#[derive(Debug)]
pub struct TenantTableReader {
    table: &'static str,
    tenant_column: &'static str,
    tenant: String,
    columns: Vec<String>,
    key: Vec<String>,
    batch: usize,
    after: Option<Vec<String>>,
    done: bool,
}

impl TenantTableReader {
    /// Looks up the table's columns (without the hidden ones) and primary key.
    pub fn open(
        conn: &mut DbConnection,
        tenant: TenantId,
        entry: &TenantTable,
        batch: usize,
    ) -> StorageResult<Self> {
        let columns: Vec<String> = dynamic::columns(conn, entry.table)?
            .into_iter()
            .filter(|c| !entry.hidden.contains(&c.as_str()))
            .collect();
        let key = dynamic::primary_key(conn, entry.table)?;
        if key.is_empty() || key.iter().any(|k| !columns.contains(k)) {
            return Err(crate::StorageError::Corrupt(format!(
                "{}: the export reads by primary key, and it has none that is shown",
                entry.table
            )));
        }
        Ok(Self {
            table: entry.table,
            tenant_column: entry.tenant_column,
            tenant: id_text(tenant.0),
            columns,
            key,
            batch: batch.max(1),
            after: None,
            done: false,
        })
    }

    /// The exported columns, in their declared order.
    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    /// The most rows one [`next_batch`](Self::next_batch) returns.
    pub fn batch_size(&self) -> usize {
        self.batch
    }

    /// The next rows (at most one batch), or `None` after the last.
    pub fn next_batch(
        &mut self,
        conn: &mut DbConnection,
    ) -> StorageResult<Option<Vec<serde_json::Map<String, serde_json::Value>>>> {
        if self.done {
            return Ok(None);
        }
        let rows = dynamic::select_page(
            conn,
            self.table,
            Match::Equals(self.tenant_column, &self.tenant),
            &self.columns,
            &self.key,
            self.after.as_deref(),
            self.batch,
        )?;
        if rows.len() < self.batch {
            self.done = true;
        }
        let Some(last) = rows.last() else {
            return Ok(None);
        };
        let after = self
            .key
            .iter()
            .map(|k| match last.get(k) {
                Some(serde_json::Value::String(s)) => Ok(s.clone()),
                _ => Err(crate::StorageError::Corrupt(format!(
                    "{}: the export reads by TEXT primary keys",
                    self.table
                ))),
            })
            .collect::<StorageResult<Vec<_>>>()?;
        self.after = Some(after);
        Ok(Some(rows))
    }

    /// Back to the first row (for a second pass over the same snapshot).
    pub fn rewind(&mut self) {
        self.after = None;
        self.done = false;
    }
}

/// Erases a tenant's data table by table; returns (table, rows) for each table changed.
pub fn erase_tenant(
    conn: &mut DbConnection,
    tenant: TenantId,
) -> StorageResult<Vec<(&'static str, usize)>> {
    let id = id_text(tenant.0);
    let mut done = Vec::new();
    for entry in TENANT_TABLES {
        let n = match entry.erase {
            TenantErase::DeleteRows => {
                dynamic::delete(conn, entry.table, Match::Equals(entry.tenant_column, &id))?
            }
            TenantErase::Custom(f) => f(conn, tenant)?,
            TenantErase::Keep(_) => 0,
        };
        if n > 0 {
            done.push((entry.table, n));
        }
    }
    Ok(done)
}

/// Whether a stored e-mail address is one erasure wrote.
pub fn is_erased_email(email: &str) -> bool {
    email.ends_with("@invalid")
}

// ---- the custom erasers ----

fn overwrite_user(conn: &mut DbConnection, person: &Person) -> StorageResult<usize> {
    use crate::schema::users;
    let Some((tenant, user)) = person.account else {
        return Ok(0);
    };
    let id = id_text(user.0);
    Ok(diesel::update(
        users::table
            .filter(users::tenant_id.eq(id_text(tenant.0)))
            .filter(users::id.eq(&id))
            .filter(users::email.not_like("%@invalid")),
    )
    .set((
        // The same marks as the anonymisation after soft deletion.
        users::email.eq(format!("anonymised-{id}@invalid")),
        users::first_name.eq("Anonymised"),
        users::last_name.eq("person"),
        users::function.eq(None::<String>),
        users::phone.eq(None::<String>),
        users::password_hash.eq(None::<String>),
        users::invitation_token_hash.eq(None::<String>),
        users::invitation_expires_at.eq(None::<chrono::NaiveDateTime>),
        users::last_login_at.eq(None::<chrono::NaiveDateTime>),
        users::locked_until.eq(None::<chrono::NaiveDateTime>),
        users::status.eq("deactivated"),
    ))
    .execute(conn)?)
}

fn delete_user_sessions(conn: &mut DbConnection, person: &Person) -> StorageResult<usize> {
    use crate::schema::{refresh_tokens, sessions};
    let Some((_, user)) = person.account else {
        return Ok(0);
    };
    let ids: Vec<String> = sessions::table
        .filter(sessions::subject_kind.eq("user"))
        .filter(sessions::subject_id.eq(id_text(user.0)))
        .select(sessions::id)
        .load(conn)?;
    diesel::delete(refresh_tokens::table.filter(refresh_tokens::session_id.eq_any(&ids)))
        .execute(conn)?;
    Ok(diesel::delete(sessions::table.filter(sessions::id.eq_any(&ids))).execute(conn)?)
}

fn overwrite_trial_email(conn: &mut DbConnection, person: &Person) -> StorageResult<usize> {
    use crate::schema::trial_registrations as t;
    let ids: Vec<String> = t::table
        .filter(t::email.eq(&person.email))
        .select(t::id)
        .load(conn)?;
    for id in &ids {
        diesel::update(t::table.filter(t::id.eq(id)))
            .set(t::email.eq(format!("erased-{id}@invalid")))
            .execute(conn)?;
    }
    Ok(ids.len())
}

/// The address and text of a notice are erased; that a notice of this kind
/// was sent, and when, stays (the terms require the notices; SPEC §6).
const ERASED_RECIPIENT: &str = "erased@invalid";

fn redact_person_notices(conn: &mut DbConnection, person: &Person) -> StorageResult<usize> {
    use crate::schema::notices as n;
    // Not yet sent: never sent now (there is no address any more).
    diesel::update(
        n::table
            .filter(n::recipient.eq(&person.email))
            .filter(n::status.eq("queued")),
    )
    .set(n::status.eq("suppressed"))
    .execute(conn)?;
    Ok(
        diesel::update(n::table.filter(n::recipient.eq(&person.email)))
            .set((
                n::recipient.eq(ERASED_RECIPIENT),
                n::subject.eq("(erased)"),
                n::body.eq(""),
                n::secret.eq(None::<String>),
                n::last_error.eq(None::<String>),
            ))
            .execute(conn)?,
    )
}

fn redact_tenant_notices(conn: &mut DbConnection, tenant: TenantId) -> StorageResult<usize> {
    use crate::schema::notices as n;
    diesel::update(
        n::table
            .filter(n::tenant_id.eq(id_text(tenant.0)))
            .filter(n::status.eq("queued")),
    )
    .set(n::status.eq("suppressed"))
    .execute(conn)?;
    Ok(diesel::update(
        n::table
            .filter(n::tenant_id.eq(id_text(tenant.0)))
            .filter(n::recipient.ne(ERASED_RECIPIENT)),
    )
    .set((
        n::recipient.eq(ERASED_RECIPIENT),
        n::subject.eq("(erased)"),
        n::body.eq(""),
        n::secret.eq(None::<String>),
        n::last_error.eq(None::<String>),
    ))
    .execute(conn)?)
}

fn pseudonymise_person_audit(conn: &mut DbConnection, person: &Person) -> StorageResult<usize> {
    use crate::schema::audit_log as a;
    let Some((_, user)) = person.account else {
        return Ok(0);
    };
    let id = id_text(user.0);
    // The entries stay (what happened, when); the person is no longer named in them.
    let acted = diesel::update(
        a::table
            .filter(a::actor_kind.eq("user"))
            .filter(a::actor_id.eq(&id)),
    )
    .set(a::actor_id.eq(None::<String>))
    .execute(conn)?;
    let targeted = diesel::update(
        a::table
            .filter(a::target_kind.eq("user"))
            .filter(a::target_id.eq(&id)),
    )
    .set(a::target_id.eq(None::<String>))
    .execute(conn)?;
    Ok(acted + targeted)
}

fn anonymise_tenant_users(conn: &mut DbConnection, tenant: TenantId) -> StorageResult<usize> {
    use crate::schema::users;
    let ids: Vec<String> = users::table
        .filter(users::tenant_id.eq(id_text(tenant.0)))
        .filter(users::email.not_like("%@invalid"))
        .select(users::id)
        .load(conn)?;
    let mut n = 0;
    for id in ids {
        let user = UserId(crate::convert::parse_uuid(&id)?);
        n += overwrite_user(
            conn,
            &Person {
                account: Some((tenant, user)),
                email: String::new(),
            },
        )?;
    }
    Ok(n)
}

fn delete_tenant_sessions(conn: &mut DbConnection, tenant: TenantId) -> StorageResult<usize> {
    use crate::schema::{refresh_tokens, sessions};
    let ids: Vec<String> = sessions::table
        .filter(sessions::tenant_id.eq(id_text(tenant.0)))
        .select(sessions::id)
        .load(conn)?;
    diesel::delete(refresh_tokens::table.filter(refresh_tokens::session_id.eq_any(&ids)))
        .execute(conn)?;
    Ok(diesel::delete(sessions::table.filter(sessions::id.eq_any(&ids))).execute(conn)?)
}

fn overwrite_tenant_trial_emails(
    conn: &mut DbConnection,
    tenant: TenantId,
) -> StorageResult<usize> {
    use crate::schema::trial_registrations as t;
    let ids: Vec<String> = t::table
        .filter(t::tenant_id.eq(id_text(tenant.0)))
        .filter(t::email.not_like("%@invalid"))
        .select(t::id)
        .load(conn)?;
    for id in &ids {
        diesel::update(t::table.filter(t::id.eq(id)))
            .set(t::email.eq(format!("erased-{id}@invalid")))
            .execute(conn)?;
    }
    Ok(ids.len())
}

fn pseudonymise_tenant_audit(conn: &mut DbConnection, tenant: TenantId) -> StorageResult<usize> {
    use crate::schema::audit_log as a;
    // The entries stay (what happened, when); the person who acted is no longer named.
    let acted = diesel::update(
        a::table
            .filter(a::tenant_id.eq(id_text(tenant.0)))
            .filter(a::actor_kind.eq("user"))
            .filter(a::actor_id.is_not_null()),
    )
    .set(a::actor_id.eq(None::<String>))
    .execute(conn)?;
    let targeted = diesel::update(
        a::table
            .filter(a::tenant_id.eq(id_text(tenant.0)))
            .filter(a::target_kind.eq("user"))
            .filter(a::target_id.is_not_null()),
    )
    .set(a::target_id.eq(None::<String>))
    .execute(conn)?;
    Ok(acted + targeted)
}

// ---- marketing ----

/// A marketing list or channel a person can be taken off.
#[derive(Debug, Clone, Copy)]
pub struct MarketingChannel {
    pub name: &'static str,
    /// Takes the person off; returns whether anything changed.
    pub stop: fn(&mut DbConnection, &Person, DateTime<Utc>) -> StorageResult<bool>,
}

/// Every marketing list: an ex-customer leaves them at once, an objection
/// to direct marketing or a withdrawal of consent takes the person off all.
/// (The consent area adds its per-list subscriptions here.)
pub const MARKETING_CHANNELS: &[MarketingChannel] = &[MarketingChannel {
    name: "communication_preferences",
    stop: opt_out_of_non_essential,
}];

fn opt_out_of_non_essential(
    conn: &mut DbConnection,
    person: &Person,
    now: DateTime<Utc>,
) -> StorageResult<bool> {
    let Some((tenant, user)) = person.account else {
        return Ok(false);
    };
    if crate::notices::opted_out(conn, tenant, user)? {
        return Ok(false);
    }
    crate::notices::set_opt_out(conn, tenant, user, true, now)?;
    Ok(true)
}

/// Takes the person off every marketing channel; returns the names of the channels that changed.
pub fn stop_marketing(
    conn: &mut DbConnection,
    person: &Person,
    now: DateTime<Utc>,
) -> StorageResult<Vec<&'static str>> {
    let mut changed = Vec::new();
    for channel in MARKETING_CHANNELS {
        if (channel.stop)(conn, person, now)? {
            changed.push(channel.name);
        }
    }
    Ok(changed)
}

// ---- outside the tables' entries ----

/// Overwrites the company details of a trial that never converted (two
/// years after it ended): a trial's company name and address may well be a
/// sole trader's personal data, and nothing obliges Ecom to keep them.
/// The row stays (country, dates, status) for statistics.
pub fn erase_trial_company(conn: &mut DbConnection, tenant: TenantId) -> StorageResult<usize> {
    use crate::schema::{tenants, trial_registrations as t};
    diesel::update(t::table.filter(t::tenant_id.eq(id_text(tenant.0))))
        .set(t::vat_number.eq(None::<String>))
        .execute(conn)?;
    Ok(diesel::update(
        tenants::table
            .filter(tenants::id.eq(id_text(tenant.0)))
            .filter(tenants::name.ne("Erased trial account")),
    )
    .set((
        tenants::name.eq("Erased trial account"),
        tenants::vat_number.eq(None::<String>),
        tenants::street.eq(""),
        tenants::postal_code.eq(""),
        tenants::city.eq(""),
    ))
    .execute(conn)?)
}

/// Replaces an invoice's stored document by its redacted version (after
/// the legal hold; the amounts, numbers and dates stay for the accounts).
pub fn replace_invoice_document(
    conn: &mut DbConnection,
    invoice: uuid::Uuid,
    document: &str,
) -> StorageResult<usize> {
    use crate::schema::invoices;
    Ok(
        diesel::update(invoices::table.filter(invoices::id.eq(id_text(invoice))))
            .set(invoices::document.eq(document))
            .execute(conn)?,
    )
}

/// Rows of the tenant's data that tenant erasure would still remove or
/// overwrite, per table (for the dry run).
pub fn tenant_rows_to_erase(
    conn: &mut DbConnection,
    tenant: TenantId,
) -> StorageResult<Vec<(&'static str, i64)>> {
    let id = id_text(tenant.0);
    let mut out = Vec::new();
    for entry in TENANT_TABLES {
        let n = match entry.erase {
            TenantErase::DeleteRows => {
                dynamic::count(conn, entry.table, Match::Equals(entry.tenant_column, &id))?
            }
            TenantErase::Custom(_) if entry.table == "users" => {
                use crate::schema::users;
                users::table
                    .filter(users::tenant_id.eq(&id))
                    .filter(users::email.not_like("%@invalid"))
                    .count()
                    .get_result(conn)?
            }
            TenantErase::Custom(_) | TenantErase::Keep(_) => 0,
        };
        if n > 0 {
            out.push((entry.table, n));
        }
    }
    Ok(out)
}
