//! The people of a tenant: its Administrator and Users.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use ecom_domain::{Role, TenantId, UserId};

use crate::convert::{from_db, from_db_opt, id_text, parse_uuid, to_db};
use crate::schema::users;
use crate::{DbConnection, StorageError, StorageResult};

/// Whether a person can log in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserStatus {
    /// Invited; no password chosen yet.
    Invited,
    Active,
    Deactivated,
}

impl UserStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            UserStatus::Invited => "invited",
            UserStatus::Active => "active",
            UserStatus::Deactivated => "deactivated",
        }
    }

    fn parse(raw: &str) -> StorageResult<Self> {
        Ok(match raw {
            "invited" => UserStatus::Invited,
            "active" => UserStatus::Active,
            "deactivated" => UserStatus::Deactivated,
            other => return Err(StorageError::Corrupt(format!("user status {other:?}"))),
        })
    }
}

/// A person's account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: UserId,
    pub tenant_id: TenantId,
    pub email: String,
    pub password_hash: Option<String>,
    pub first_name: String,
    pub last_name: String,
    pub function: Option<String>,
    pub phone: Option<String>,
    pub role: Role,
    pub status: UserStatus,
    pub failed_login_count: u32,
    pub locked_until: Option<DateTime<Utc>>,
    pub invitation_expires_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub activated_at: Option<DateTime<Utc>>,
    pub last_login_at: Option<DateTime<Utc>>,
    pub deactivated_at: Option<DateTime<Utc>>,
}

/// A new account: an active Administrator or an invited User.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub id: UserId,
    pub email: String,
    pub password_hash: Option<String>,
    pub first_name: String,
    pub last_name: String,
    pub function: Option<String>,
    pub phone: Option<String>,
    pub role: Role,
    pub status: UserStatus,
    pub invitation_token_hash: Option<String>,
    pub invitation_expires_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = users)]
struct UserRow {
    id: String,
    tenant_id: String,
    email: String,
    password_hash: Option<String>,
    first_name: String,
    last_name: String,
    function: Option<String>,
    phone: Option<String>,
    role: String,
    status: String,
    failed_login_count: i32,
    locked_until: Option<NaiveDateTime>,
    invitation_expires_at: Option<NaiveDateTime>,
    created_at: NaiveDateTime,
    activated_at: Option<NaiveDateTime>,
    last_login_at: Option<NaiveDateTime>,
    deactivated_at: Option<NaiveDateTime>,
}

impl UserRow {
    fn into_record(self) -> StorageResult<User> {
        Ok(User {
            id: UserId(parse_uuid(&self.id)?),
            tenant_id: TenantId(parse_uuid(&self.tenant_id)?),
            email: self.email,
            password_hash: self.password_hash,
            first_name: self.first_name,
            last_name: self.last_name,
            function: self.function,
            phone: self.phone,
            role: Role::parse(&self.role)
                .ok_or_else(|| StorageError::Corrupt(format!("role {:?}", self.role)))?,
            status: UserStatus::parse(&self.status)?,
            failed_login_count: u32::try_from(self.failed_login_count).unwrap_or(0),
            locked_until: from_db_opt(self.locked_until),
            invitation_expires_at: from_db_opt(self.invitation_expires_at),
            created_at: from_db(self.created_at),
            activated_at: from_db_opt(self.activated_at),
            last_login_at: from_db_opt(self.last_login_at),
            deactivated_at: from_db_opt(self.deactivated_at),
        })
    }
}

#[derive(Insertable)]
#[diesel(table_name = users)]
struct NewUserRow {
    id: String,
    tenant_id: String,
    email: String,
    password_hash: Option<String>,
    first_name: String,
    last_name: String,
    function: Option<String>,
    phone: Option<String>,
    role: String,
    status: String,
    invitation_token_hash: Option<String>,
    invitation_expires_at: Option<NaiveDateTime>,
    created_at: NaiveDateTime,
    activated_at: Option<NaiveDateTime>,
}

fn load_one(
    query: users::BoxedQuery<'_, crate::pool::MultiBackend>,
    conn: &mut DbConnection,
) -> StorageResult<Option<User>> {
    query
        .select(UserRow::as_select())
        .first(conn)
        .optional()?
        .map(UserRow::into_record)
        .transpose()
}

/// Creates an account in `tenant`. Fails with `UniqueViolation` when the
/// e-mail address already has an account.
pub fn insert(conn: &mut DbConnection, tenant: TenantId, user: &NewUser) -> StorageResult<()> {
    let row = NewUserRow {
        id: id_text(user.id.0),
        tenant_id: id_text(tenant.0),
        email: user.email.clone(),
        password_hash: user.password_hash.clone(),
        first_name: user.first_name.clone(),
        last_name: user.last_name.clone(),
        function: user.function.clone(),
        phone: user.phone.clone(),
        role: user.role.as_str().to_owned(),
        status: user.status.as_str().to_owned(),
        invitation_token_hash: user.invitation_token_hash.clone(),
        invitation_expires_at: user.invitation_expires_at.map(to_db),
        created_at: to_db(user.created_at),
        activated_at: (user.status == UserStatus::Active).then(|| to_db(user.created_at)),
    };
    diesel::insert_into(users::table)
        .values(&row)
        .execute(conn)?;
    Ok(())
}

pub fn find(
    conn: &mut DbConnection,
    tenant: TenantId,
    user: UserId,
) -> StorageResult<Option<User>> {
    load_one(
        users::table
            .filter(users::tenant_id.eq(id_text(tenant.0)))
            .filter(users::id.eq(id_text(user.0)))
            .into_boxed(),
        conn,
    )
}

/// Authentication only: the account with this e-mail in whatever tenant.
/// (E-mail addresses are unique across tenants, so log-in needs no tenant.)
pub fn find_for_login(conn: &mut DbConnection, email: &str) -> StorageResult<Option<User>> {
    load_one(
        users::table.filter(users::email.eq(email)).into_boxed(),
        conn,
    )
}

/// Authentication only: the invited account holding this invitation token hash.
pub fn find_by_invitation(
    conn: &mut DbConnection,
    token_hash: &str,
) -> StorageResult<Option<User>> {
    load_one(
        users::table
            .filter(users::invitation_token_hash.eq(token_hash))
            .into_boxed(),
        conn,
    )
}

pub fn email_in_use(conn: &mut DbConnection, email: &str) -> StorageResult<bool> {
    let n: i64 = users::table
        .filter(users::email.eq(email))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// The tenant's people: the Administrator first, then by last and first name.
pub fn list(conn: &mut DbConnection, tenant: TenantId) -> StorageResult<Vec<User>> {
    let rows: Vec<UserRow> = users::table
        .filter(users::tenant_id.eq(id_text(tenant.0)))
        .order((
            users::role.asc(),
            users::last_name.asc(),
            users::first_name.asc(),
            users::id.asc(),
        ))
        .select(UserRow::as_select())
        .load(conn)?;
    rows.into_iter().map(UserRow::into_record).collect()
}

/// Accounts that occupy a seat: everything not deactivated.
pub fn count_seated(conn: &mut DbConnection, tenant: TenantId) -> StorageResult<i64> {
    Ok(users::table
        .filter(users::tenant_id.eq(id_text(tenant.0)))
        .filter(users::status.ne(UserStatus::Deactivated.as_str()))
        .count()
        .get_result(conn)?)
}

fn scoped(tenant: TenantId, user: UserId) -> (String, String) {
    (id_text(tenant.0), id_text(user.0))
}

/// Stores the failure count and lock after a wrong password.
pub fn record_failed_login(
    conn: &mut DbConnection,
    tenant: TenantId,
    user: UserId,
    failed_count: u32,
    locked_until: Option<DateTime<Utc>>,
) -> StorageResult<()> {
    let (t, u) = scoped(tenant, user);
    diesel::update(
        users::table
            .filter(users::tenant_id.eq(t))
            .filter(users::id.eq(u)),
    )
    .set((
        users::failed_login_count.eq(i32::try_from(failed_count).unwrap_or(i32::MAX)),
        users::locked_until.eq(locked_until.map(to_db)),
    ))
    .execute(conn)?;
    Ok(())
}

/// Resets the failure count and records the log-in time.
pub fn record_login(
    conn: &mut DbConnection,
    tenant: TenantId,
    user: UserId,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    let (t, u) = scoped(tenant, user);
    diesel::update(
        users::table
            .filter(users::tenant_id.eq(t))
            .filter(users::id.eq(u)),
    )
    .set((
        users::failed_login_count.eq(0),
        users::locked_until.eq(None::<NaiveDateTime>),
        users::last_login_at.eq(Some(to_db(now))),
    ))
    .execute(conn)?;
    Ok(())
}

pub fn set_password(
    conn: &mut DbConnection,
    tenant: TenantId,
    user: UserId,
    password_hash: &str,
) -> StorageResult<()> {
    let (t, u) = scoped(tenant, user);
    diesel::update(
        users::table
            .filter(users::tenant_id.eq(t))
            .filter(users::id.eq(u)),
    )
    .set(users::password_hash.eq(Some(password_hash)))
    .execute(conn)?;
    Ok(())
}

/// An invitee chose a password: the account becomes active and the
/// invitation token stops working.
pub fn activate_invited(
    conn: &mut DbConnection,
    tenant: TenantId,
    user: UserId,
    password_hash: &str,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    let (t, u) = scoped(tenant, user);
    diesel::update(
        users::table
            .filter(users::tenant_id.eq(t))
            .filter(users::id.eq(u)),
    )
    .set((
        users::password_hash.eq(Some(password_hash)),
        users::status.eq(UserStatus::Active.as_str()),
        users::activated_at.eq(Some(to_db(now))),
        users::invitation_token_hash.eq(None::<String>),
        users::invitation_expires_at.eq(None::<NaiveDateTime>),
    ))
    .execute(conn)?;
    Ok(())
}

pub fn deactivate(
    conn: &mut DbConnection,
    tenant: TenantId,
    user: UserId,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    let (t, u) = scoped(tenant, user);
    diesel::update(
        users::table
            .filter(users::tenant_id.eq(t))
            .filter(users::id.eq(u)),
    )
    .set((
        users::status.eq(UserStatus::Deactivated.as_str()),
        users::deactivated_at.eq(Some(to_db(now))),
        users::invitation_token_hash.eq(None::<String>),
    ))
    .execute(conn)?;
    Ok(())
}

/// Gives a deactivated account back its seat: active again if it had a
/// password, otherwise it needs a new invitation.
pub fn reactivate(
    conn: &mut DbConnection,
    tenant: TenantId,
    user: UserId,
    status: UserStatus,
    invitation: Option<(&str, DateTime<Utc>)>,
) -> StorageResult<()> {
    let (t, u) = scoped(tenant, user);
    diesel::update(
        users::table
            .filter(users::tenant_id.eq(t))
            .filter(users::id.eq(u)),
    )
    .set((
        users::status.eq(status.as_str()),
        users::deactivated_at.eq(None::<NaiveDateTime>),
        users::invitation_token_hash.eq(invitation.map(|(hash, _)| hash.to_owned())),
        users::invitation_expires_at.eq(invitation.map(|(_, until)| to_db(until))),
    ))
    .execute(conn)?;
    Ok(())
}

/// The tenant's Administrator.
pub fn administrator(conn: &mut DbConnection, tenant: TenantId) -> StorageResult<Option<User>> {
    load_one(
        users::table
            .filter(users::tenant_id.eq(id_text(tenant.0)))
            .filter(users::role.eq(Role::Administrator.as_str()))
            .into_boxed(),
        conn,
    )
}

/// Deactivates every account of the tenant (contract deactivation); returns how many changed.
pub fn deactivate_all(
    conn: &mut DbConnection,
    tenant: TenantId,
    now: DateTime<Utc>,
) -> StorageResult<usize> {
    Ok(diesel::update(
        users::table
            .filter(users::tenant_id.eq(id_text(tenant.0)))
            .filter(users::status.ne(UserStatus::Deactivated.as_str())),
    )
    .set((
        users::status.eq(UserStatus::Deactivated.as_str()),
        users::deactivated_at.eq(Some(to_db(now))),
        users::invitation_token_hash.eq(None::<String>),
    ))
    .execute(conn)?)
}

/// Overwrites every personal field of the tenant's accounts (anonymisation):
/// names, e-mail, phone, function and password are gone from the database;
/// the rows stay so ids in the audit log and invoices still resolve.
pub fn anonymise_all(conn: &mut DbConnection, tenant: TenantId) -> StorageResult<usize> {
    let ids: Vec<String> = users::table
        .filter(users::tenant_id.eq(id_text(tenant.0)))
        .select(users::id)
        .load(conn)?;
    for id in &ids {
        diesel::update(
            users::table
                .filter(users::tenant_id.eq(id_text(tenant.0)))
                .filter(users::id.eq(id)),
        )
        .set((
            users::email.eq(format!("anonymised-{id}@invalid")),
            users::first_name.eq("Anonymised"),
            users::last_name.eq("person"),
            users::function.eq(None::<String>),
            users::phone.eq(None::<String>),
            users::password_hash.eq(None::<String>),
            users::invitation_token_hash.eq(None::<String>),
            users::status.eq(UserStatus::Deactivated.as_str()),
        ))
        .execute(conn)?;
    }
    Ok(ids.len())
}

/// Corrects a person's details (rectification request); `None` leaves a field as it is.
pub fn update_personal_details(
    conn: &mut DbConnection,
    tenant: TenantId,
    user: UserId,
    first_name: Option<String>,
    last_name: Option<String>,
    phone: Option<String>,
    function: Option<String>,
) -> StorageResult<()> {
    let target = || {
        users::table
            .filter(users::tenant_id.eq(id_text(tenant.0)))
            .filter(users::id.eq(id_text(user.0)))
    };
    if let Some(v) = first_name {
        diesel::update(target())
            .set(users::first_name.eq(v))
            .execute(conn)?;
    }
    if let Some(v) = last_name {
        diesel::update(target())
            .set(users::last_name.eq(v))
            .execute(conn)?;
    }
    if let Some(v) = phone {
        diesel::update(target())
            .set(users::phone.eq(Some(v)))
            .execute(conn)?;
    }
    if let Some(v) = function {
        diesel::update(target())
            .set(users::function.eq(Some(v)))
            .execute(conn)?;
    }
    Ok(())
}
