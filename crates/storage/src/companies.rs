//! The tenant's companies (CRM). Owned by the CRM module; other modules link
//! to a company by id and check it with [`exists`].

use diesel::prelude::*;
use ecom_domain::{CompanyId, TenantId};

use crate::convert::id_text;
use crate::schema::companies;
use crate::{DbConnection, StorageResult};

/// Whether the tenant has this company.
pub fn exists(conn: &mut DbConnection, tenant: TenantId, id: CompanyId) -> StorageResult<bool> {
    let n: i64 = companies::table
        .filter(companies::tenant_id.eq(id_text(tenant.0)))
        .filter(companies::id.eq(id_text(id.0)))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}
