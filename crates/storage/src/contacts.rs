//! The tenant's contacts: people among its customers and prospects (CRM).
//! Owned by the CRM module; other modules link to a contact by id and check
//! it with [`exists`].

use diesel::prelude::*;
use ecom_domain::{ContactId, TenantId};

use crate::convert::id_text;
use crate::schema::contacts;
use crate::{DbConnection, StorageResult};

/// Whether the tenant has this contact.
pub fn exists(conn: &mut DbConnection, tenant: TenantId, id: ContactId) -> StorageResult<bool> {
    let n: i64 = contacts::table
        .filter(contacts::tenant_id.eq(id_text(tenant.0)))
        .filter(contacts::id.eq(id_text(id.0)))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}
