//! API keys: only a hash of the secret is stored; the public prefix finds it.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use ecom_domain::{ApiKeyId, TenantId, UserId};

use crate::convert::{from_db, from_db_opt, id_text, parse_uuid, to_db};
use crate::schema::api_keys;
use crate::schema_integrations::api_key_previous_secrets;
use crate::{DbConnection, StorageError, StorageResult};

/// An API key's stored state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiKey {
    pub id: ApiKeyId,
    pub tenant_id: TenantId,
    pub created_by: UserId,
    pub name: String,
    pub prefix: String,
    pub secret_hash: String,
    pub scopes: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
    /// ISO 3166-1 alpha-2 country of the last use, when a trusted proxy said
    /// it (the IP address itself is never stored: privacy statement).
    pub last_used_country: Option<String>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl ApiKey {
    /// Whether the key authenticates at `now`.
    pub fn is_usable(&self, now: DateTime<Utc>) -> bool {
        self.revoked_at.is_none() && self.expires_at.is_none_or(|until| now < until)
    }
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = api_keys)]
struct ApiKeyRow {
    id: String,
    tenant_id: String,
    created_by: String,
    name: String,
    prefix: String,
    secret_hash: String,
    scopes: String,
    created_at: NaiveDateTime,
    expires_at: Option<NaiveDateTime>,
    last_used_at: Option<NaiveDateTime>,
    last_used_country: Option<String>,
    revoked_at: Option<NaiveDateTime>,
}

impl ApiKeyRow {
    fn into_record(self) -> StorageResult<ApiKey> {
        Ok(ApiKey {
            id: ApiKeyId(parse_uuid(&self.id)?),
            tenant_id: TenantId(parse_uuid(&self.tenant_id)?),
            created_by: UserId(parse_uuid(&self.created_by)?),
            name: self.name,
            prefix: self.prefix,
            secret_hash: self.secret_hash,
            scopes: serde_json::from_str(&self.scopes)
                .map_err(|e| StorageError::Corrupt(format!("api key scopes: {e}")))?,
            created_at: from_db(self.created_at),
            expires_at: from_db_opt(self.expires_at),
            last_used_at: from_db_opt(self.last_used_at),
            last_used_country: self.last_used_country,
            revoked_at: from_db_opt(self.revoked_at),
        })
    }
}

pub fn insert(conn: &mut DbConnection, tenant: TenantId, key: &ApiKey) -> StorageResult<()> {
    let scopes =
        serde_json::to_string(&key.scopes).map_err(|e| StorageError::Corrupt(e.to_string()))?;
    diesel::insert_into(api_keys::table)
        .values((
            api_keys::id.eq(id_text(key.id.0)),
            api_keys::tenant_id.eq(id_text(tenant.0)),
            api_keys::created_by.eq(id_text(key.created_by.0)),
            api_keys::name.eq(&key.name),
            api_keys::prefix.eq(&key.prefix),
            api_keys::secret_hash.eq(&key.secret_hash),
            api_keys::scopes.eq(scopes),
            api_keys::created_at.eq(to_db(key.created_at)),
            api_keys::expires_at.eq(key.expires_at.map(to_db)),
        ))
        .execute(conn)?;
    Ok(())
}

/// The tenant's keys, newest first.
pub fn list(conn: &mut DbConnection, tenant: TenantId) -> StorageResult<Vec<ApiKey>> {
    let rows: Vec<ApiKeyRow> = api_keys::table
        .filter(api_keys::tenant_id.eq(id_text(tenant.0)))
        .order((api_keys::created_at.desc(), api_keys::id.desc()))
        .select(ApiKeyRow::as_select())
        .load(conn)?;
    rows.into_iter().map(ApiKeyRow::into_record).collect()
}

pub fn find(
    conn: &mut DbConnection,
    tenant: TenantId,
    id: ApiKeyId,
) -> StorageResult<Option<ApiKey>> {
    api_keys::table
        .filter(api_keys::tenant_id.eq(id_text(tenant.0)))
        .filter(api_keys::id.eq(id_text(id.0)))
        .select(ApiKeyRow::as_select())
        .first(conn)
        .optional()?
        .map(ApiKeyRow::into_record)
        .transpose()
}

/// Authentication only: the key with this public prefix, in whatever tenant.
pub fn find_by_prefix(conn: &mut DbConnection, prefix: &str) -> StorageResult<Option<ApiKey>> {
    api_keys::table
        .filter(api_keys::prefix.eq(prefix))
        .select(ApiKeyRow::as_select())
        .first(conn)
        .optional()?
        .map(ApiKeyRow::into_record)
        .transpose()
}

/// Revokes a key; false if the tenant has no such unrevoked key.
pub fn revoke(
    conn: &mut DbConnection,
    tenant: TenantId,
    id: ApiKeyId,
    now: DateTime<Utc>,
) -> StorageResult<bool> {
    let n = diesel::update(
        api_keys::table
            .filter(api_keys::tenant_id.eq(id_text(tenant.0)))
            .filter(api_keys::id.eq(id_text(id.0)))
            .filter(api_keys::revoked_at.is_null()),
    )
    .set(api_keys::revoked_at.eq(Some(to_db(now))))
    .execute(conn)?;
    Ok(n == 1)
}

/// Records that the key was used at `now`, from `country` if known.
pub fn touch(
    conn: &mut DbConnection,
    tenant: TenantId,
    id: ApiKeyId,
    now: DateTime<Utc>,
    country: Option<&str>,
) -> StorageResult<()> {
    diesel::update(
        api_keys::table
            .filter(api_keys::tenant_id.eq(id_text(tenant.0)))
            .filter(api_keys::id.eq(id_text(id.0))),
    )
    .set((
        api_keys::last_used_at.eq(Some(to_db(now))),
        api_keys::last_used_country.eq(country),
    ))
    .execute(conn)?;
    Ok(())
}

/// A key's secret from before a rotation, still accepted until `valid_until`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviousSecret {
    pub api_key_id: ApiKeyId,
    pub tenant_id: TenantId,
    pub secret_hash: String,
    pub valid_until: DateTime<Utc>,
}

/// Gives the key a new prefix and secret; the old ones keep working until
/// `grace_until`. False if the tenant has no such unrevoked key.
pub fn rotate(
    conn: &mut DbConnection,
    tenant: TenantId,
    id: ApiKeyId,
    new_prefix: &str,
    new_secret_hash: &str,
    grace_until: DateTime<Utc>,
    now: DateTime<Utc>,
) -> StorageResult<bool> {
    let Some(old) = find(conn, tenant, id)? else {
        return Ok(false);
    };
    if old.revoked_at.is_some() {
        return Ok(false);
    }
    if grace_until > now {
        diesel::insert_into(api_key_previous_secrets::table)
            .values((
                api_key_previous_secrets::prefix.eq(&old.prefix),
                api_key_previous_secrets::api_key_id.eq(id_text(id.0)),
                api_key_previous_secrets::tenant_id.eq(id_text(tenant.0)),
                api_key_previous_secrets::secret_hash.eq(&old.secret_hash),
                api_key_previous_secrets::valid_until.eq(to_db(grace_until)),
                api_key_previous_secrets::created_at.eq(to_db(now)),
            ))
            .execute(conn)?;
    }
    let n = diesel::update(
        api_keys::table
            .filter(api_keys::tenant_id.eq(id_text(tenant.0)))
            .filter(api_keys::id.eq(id_text(id.0))),
    )
    .set((
        api_keys::prefix.eq(new_prefix),
        api_keys::secret_hash.eq(new_secret_hash),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Authentication only: a rotated-away secret with this public prefix.
pub fn find_previous_by_prefix(
    conn: &mut DbConnection,
    prefix: &str,
) -> StorageResult<Option<PreviousSecret>> {
    let row: Option<(String, String, String, NaiveDateTime)> = api_key_previous_secrets::table
        .filter(api_key_previous_secrets::prefix.eq(prefix))
        .select((
            api_key_previous_secrets::api_key_id,
            api_key_previous_secrets::tenant_id,
            api_key_previous_secrets::secret_hash,
            api_key_previous_secrets::valid_until,
        ))
        .first(conn)
        .optional()?;
    row.map(|(key, tenant, secret_hash, valid_until)| {
        Ok(PreviousSecret {
            api_key_id: ApiKeyId(parse_uuid(&key)?),
            tenant_id: TenantId(parse_uuid(&tenant)?),
            secret_hash,
            valid_until: from_db(valid_until),
        })
    })
    .transpose()
}

/// Revokes every key of a tenant (termination, deactivation).
pub fn revoke_all(
    conn: &mut DbConnection,
    tenant: TenantId,
    now: DateTime<Utc>,
) -> StorageResult<usize> {
    Ok(diesel::update(
        api_keys::table
            .filter(api_keys::tenant_id.eq(id_text(tenant.0)))
            .filter(api_keys::revoked_at.is_null()),
    )
    .set(api_keys::revoked_at.eq(Some(to_db(now))))
    .execute(conn)?)
}
