//! The catalogue's prices, versioned by the date they apply from.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::convert::{from_db, id_text, to_db};
use crate::schema::catalogue_prices;
use crate::{DbConnection, StorageResult};

/// One price version of an item (`basic`, `seat` or a module code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriceVersion {
    pub item: String,
    pub annual_price_cents: i64,
    pub effective_from: DateTime<Utc>,
    pub announced_at: DateTime<Utc>,
}

/// Every price version, oldest first per item.
pub fn all(conn: &mut DbConnection) -> StorageResult<Vec<PriceVersion>> {
    let rows: Vec<(String, i64, NaiveDateTime, NaiveDateTime)> = catalogue_prices::table
        .order((
            catalogue_prices::item.asc(),
            catalogue_prices::effective_from.asc(),
        ))
        .select((
            catalogue_prices::item,
            catalogue_prices::annual_price_cents,
            catalogue_prices::effective_from,
            catalogue_prices::announced_at,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(item, cents, from, announced)| PriceVersion {
            item,
            annual_price_cents: cents,
            effective_from: from_db(from),
            announced_at: from_db(announced),
        })
        .collect())
}

/// Announces a new price for `item` from `effective_from`. `UniqueViolation`
/// when that item already has a price from that instant.
pub fn announce(conn: &mut DbConnection, price: &PriceVersion) -> StorageResult<()> {
    diesel::insert_into(catalogue_prices::table)
        .values((
            catalogue_prices::id.eq(id_text(Uuid::now_v7())),
            catalogue_prices::item.eq(&price.item),
            catalogue_prices::annual_price_cents.eq(price.annual_price_cents),
            catalogue_prices::effective_from.eq(to_db(price.effective_from)),
            catalogue_prices::announced_at.eq(to_db(price.announced_at)),
        ))
        .execute(conn)?;
    Ok(())
}
