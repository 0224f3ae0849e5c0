//! Deals (sales opportunities) and the history of their pipeline stages.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use ecom_domain::crm::DealStage;
use ecom_domain::{CompanyId, ContactId, DealId, TenantId, UserId};
use uuid::Uuid;

use crate::convert::{from_db, id_text, parse_uuid, to_db};
use crate::listing::{contains_pattern, keyset, After, SortValue};
use crate::schema_crm::{deal_stage_changes, deals};
use crate::{DbConnection, StorageError, StorageResult};

/// A deal as stored; money in cents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deal {
    pub id: DealId,
    pub title: String,
    pub stage: DealStage,
    /// EUR cents, excluding VAT.
    pub value_cents: i64,
    /// Per cent.
    pub probability: u8,
    pub expected_close_date: Option<NaiveDate>,
    pub owner_id: UserId,
    pub company_id: Option<CompanyId>,
    pub contact_id: Option<ContactId>,
    pub notes: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A deal's move into a stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageChange {
    pub from_stage: Option<DealStage>,
    pub to_stage: DealStage,
    pub changed_by: UserId,
    pub changed_at: DateTime<Utc>,
}

fn stage(raw: &str) -> StorageResult<DealStage> {
    DealStage::parse(raw).map_err(|_| StorageError::Corrupt(format!("deal stage {raw:?}")))
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = deals)]
struct DealRow {
    id: String,
    title: String,
    stage: String,
    value_cents: i64,
    probability: i64,
    expected_close_date: Option<NaiveDate>,
    owner_id: String,
    company_id: Option<String>,
    contact_id: Option<String>,
    notes: Option<String>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

impl DealRow {
    fn into_record(self) -> StorageResult<Deal> {
        Ok(Deal {
            id: DealId(parse_uuid(&self.id)?),
            title: self.title,
            stage: stage(&self.stage)?,
            value_cents: self.value_cents,
            probability: u8::try_from(self.probability)
                .map_err(|_| StorageError::Corrupt("deal probability".into()))?,
            expected_close_date: self.expected_close_date,
            owner_id: UserId(parse_uuid(&self.owner_id)?),
            company_id: self
                .company_id
                .as_deref()
                .map(parse_uuid)
                .transpose()?
                .map(CompanyId),
            contact_id: self
                .contact_id
                .as_deref()
                .map(parse_uuid)
                .transpose()?
                .map(ContactId),
            notes: self.notes,
            created_at: from_db(self.created_at),
            updated_at: from_db(self.updated_at),
        })
    }
}

#[derive(Insertable, AsChangeset)]
#[diesel(table_name = deals, treat_none_as_null = true)]
struct DealChanges<'a> {
    title: &'a str,
    stage: &'static str,
    value_cents: i64,
    probability: i64,
    expected_close_date: Option<NaiveDate>,
    owner_id: String,
    company_id: Option<String>,
    contact_id: Option<String>,
    notes: Option<&'a str>,
    updated_at: NaiveDateTime,
    title_key: String,
}

impl<'a> DealChanges<'a> {
    fn of(d: &'a Deal) -> Self {
        DealChanges {
            title: &d.title,
            stage: d.stage.as_str(),
            value_cents: d.value_cents,
            probability: i64::from(d.probability),
            expected_close_date: d.expected_close_date,
            owner_id: id_text(d.owner_id.0),
            company_id: d.company_id.map(|id| id_text(id.0)),
            contact_id: d.contact_id.map(|id| id_text(id.0)),
            notes: d.notes.as_deref(),
            updated_at: to_db(d.updated_at),
            title_key: d.title.to_lowercase(),
        }
    }
}

/// What a deal list is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DealSort {
    Title,
    Value,
    CreatedAt,
    UpdatedAt,
}

impl DealSort {
    pub fn value_of(self, d: &Deal) -> SortValue {
        match self {
            DealSort::Title => SortValue::Text(d.title.to_lowercase()),
            DealSort::Value => SortValue::Number(d.value_cents),
            DealSort::CreatedAt => SortValue::time(d.created_at),
            DealSort::UpdatedAt => SortValue::time(d.updated_at),
        }
    }

    pub fn parse_value(self, raw: &str) -> Option<SortValue> {
        match self {
            DealSort::Title => SortValue::parse_text(raw),
            DealSort::Value => SortValue::parse_number(raw),
            DealSort::CreatedAt | DealSort::UpdatedAt => SortValue::parse_time(raw),
        }
    }
}

/// A page of the deal list.
#[derive(Debug, Clone)]
pub struct DealQuery {
    /// Matches the title, ignoring case.
    pub q: Option<String>,
    pub stage: Option<DealStage>,
    pub owner_id: Option<UserId>,
    pub company_id: Option<CompanyId>,
    pub contact_id: Option<ContactId>,
    pub sort: DealSort,
    pub descending: bool,
    pub after: Option<After>,
    pub limit: i64,
}

pub fn insert(conn: &mut DbConnection, tenant: TenantId, deal: &Deal) -> StorageResult<()> {
    diesel::insert_into(deals::table)
        .values((
            deals::id.eq(id_text(deal.id.0)),
            deals::tenant_id.eq(id_text(tenant.0)),
            deals::created_at.eq(to_db(deal.created_at)),
            DealChanges::of(deal),
        ))
        .execute(conn)?;
    Ok(())
}

/// Replaces the deal's fields; false when the tenant has no such deal.
pub fn update(conn: &mut DbConnection, tenant: TenantId, deal: &Deal) -> StorageResult<bool> {
    let n = diesel::update(
        deals::table
            .filter(deals::tenant_id.eq(id_text(tenant.0)))
            .filter(deals::id.eq(id_text(deal.id.0))),
    )
    .set(DealChanges::of(deal))
    .execute(conn)?;
    Ok(n == 1)
}

pub fn find(conn: &mut DbConnection, tenant: TenantId, id: DealId) -> StorageResult<Option<Deal>> {
    deals::table
        .filter(deals::tenant_id.eq(id_text(tenant.0)))
        .filter(deals::id.eq(id_text(id.0)))
        .select(DealRow::as_select())
        .first(conn)
        .optional()?
        .map(DealRow::into_record)
        .transpose()
}

/// One page of the tenant's deals.
pub fn list(
    conn: &mut DbConnection,
    tenant: TenantId,
    query: &DealQuery,
) -> StorageResult<Vec<Deal>> {
    let mut q = deals::table
        .filter(deals::tenant_id.eq(id_text(tenant.0)))
        .into_boxed();
    if let Some(text) = query.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        q = q.filter(
            deals::title_key
                .like(contains_pattern(&text.to_lowercase()))
                .escape('\\'),
        );
    }
    if let Some(stage) = query.stage {
        q = q.filter(deals::stage.eq(stage.as_str()));
    }
    if let Some(owner) = query.owner_id {
        q = q.filter(deals::owner_id.eq(id_text(owner.0)));
    }
    if let Some(company) = query.company_id {
        q = q.filter(deals::company_id.eq(id_text(company.0)));
    }
    if let Some(contact) = query.contact_id {
        q = q.filter(deals::contact_id.eq(id_text(contact.0)));
    }
    let after = query.after.as_ref();
    q = match query.sort {
        DealSort::Title => keyset!(
            q,
            deals::title_key,
            deals::id,
            query.descending,
            after,
            Text
        ),
        DealSort::Value => keyset!(
            q,
            deals::value_cents,
            deals::id,
            query.descending,
            after,
            Number
        ),
        DealSort::CreatedAt => keyset!(
            q,
            deals::created_at,
            deals::id,
            query.descending,
            after,
            Time
        ),
        DealSort::UpdatedAt => keyset!(
            q,
            deals::updated_at,
            deals::id,
            query.descending,
            after,
            Time
        ),
    };
    let rows: Vec<DealRow> = q
        .limit(query.limit)
        .select(DealRow::as_select())
        .load(conn)?;
    rows.into_iter().map(DealRow::into_record).collect()
}

/// Every deal's stage, value in cents and probability (the pipeline summary).
pub fn pipeline(
    conn: &mut DbConnection,
    tenant: TenantId,
) -> StorageResult<Vec<(DealStage, i64, u8)>> {
    let rows: Vec<(String, i64, i64)> = deals::table
        .filter(deals::tenant_id.eq(id_text(tenant.0)))
        .select((deals::stage, deals::value_cents, deals::probability))
        .load(conn)?;
    rows.into_iter()
        .map(|(s, v, p)| {
            Ok((
                stage(&s)?,
                v,
                u8::try_from(p).map_err(|_| StorageError::Corrupt("deal probability".into()))?,
            ))
        })
        .collect()
}

/// How many of the tenant's deals link to this company.
pub fn count_for_company(
    conn: &mut DbConnection,
    tenant: TenantId,
    company: CompanyId,
) -> StorageResult<i64> {
    Ok(deals::table
        .filter(deals::tenant_id.eq(id_text(tenant.0)))
        .filter(deals::company_id.eq(id_text(company.0)))
        .count()
        .get_result(conn)?)
}

/// Removes the link of the tenant's deals to this company; how many.
pub fn unlink_company(
    conn: &mut DbConnection,
    tenant: TenantId,
    company: CompanyId,
    now: DateTime<Utc>,
) -> StorageResult<usize> {
    Ok(diesel::update(
        deals::table
            .filter(deals::tenant_id.eq(id_text(tenant.0)))
            .filter(deals::company_id.eq(id_text(company.0))),
    )
    .set((
        deals::company_id.eq(None::<String>),
        deals::updated_at.eq(to_db(now)),
    ))
    .execute(conn)?)
}

/// Removes the link of the tenant's deals to this contact; how many.
pub fn unlink_contact(
    conn: &mut DbConnection,
    tenant: TenantId,
    contact: ContactId,
    now: DateTime<Utc>,
) -> StorageResult<usize> {
    Ok(diesel::update(
        deals::table
            .filter(deals::tenant_id.eq(id_text(tenant.0)))
            .filter(deals::contact_id.eq(id_text(contact.0))),
    )
    .set((
        deals::contact_id.eq(None::<String>),
        deals::updated_at.eq(to_db(now)),
    ))
    .execute(conn)?)
}

/// Deletes the deal and its stage history; false when the tenant has no such deal.
pub fn delete(conn: &mut DbConnection, tenant: TenantId, id: DealId) -> StorageResult<bool> {
    diesel::delete(
        deal_stage_changes::table
            .filter(deal_stage_changes::tenant_id.eq(id_text(tenant.0)))
            .filter(deal_stage_changes::deal_id.eq(id_text(id.0))),
    )
    .execute(conn)?;
    let n = diesel::delete(
        deals::table
            .filter(deals::tenant_id.eq(id_text(tenant.0)))
            .filter(deals::id.eq(id_text(id.0))),
    )
    .execute(conn)?;
    Ok(n == 1)
}

/// Records that the deal entered a stage.
pub fn record_stage_change(
    conn: &mut DbConnection,
    tenant: TenantId,
    deal: DealId,
    change: &StageChange,
) -> StorageResult<()> {
    diesel::insert_into(deal_stage_changes::table)
        .values((
            deal_stage_changes::id.eq(id_text(Uuid::now_v7())),
            deal_stage_changes::tenant_id.eq(id_text(tenant.0)),
            deal_stage_changes::deal_id.eq(id_text(deal.0)),
            deal_stage_changes::from_stage.eq(change.from_stage.map(DealStage::as_str)),
            deal_stage_changes::to_stage.eq(change.to_stage.as_str()),
            deal_stage_changes::changed_by.eq(id_text(change.changed_by.0)),
            deal_stage_changes::changed_at.eq(to_db(change.changed_at)),
        ))
        .execute(conn)?;
    Ok(())
}

/// The deal's stage history, oldest first.
pub fn stage_history(
    conn: &mut DbConnection,
    tenant: TenantId,
    deal: DealId,
) -> StorageResult<Vec<StageChange>> {
    let rows: Vec<(Option<String>, String, String, NaiveDateTime)> = deal_stage_changes::table
        .filter(deal_stage_changes::tenant_id.eq(id_text(tenant.0)))
        .filter(deal_stage_changes::deal_id.eq(id_text(deal.0)))
        .order((
            deal_stage_changes::changed_at.asc(),
            deal_stage_changes::id.asc(),
        ))
        .select((
            deal_stage_changes::from_stage,
            deal_stage_changes::to_stage,
            deal_stage_changes::changed_by,
            deal_stage_changes::changed_at,
        ))
        .load(conn)?;
    rows.into_iter()
        .map(|(from, to, by, at)| {
            Ok(StageChange {
                from_stage: from.as_deref().map(stage).transpose()?,
                to_stage: stage(&to)?,
                changed_by: UserId(parse_uuid(&by)?),
                changed_at: from_db(at),
            })
        })
        .collect()
}
