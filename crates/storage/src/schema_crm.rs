//! The CRM module's own tables (migration 2026-11-22-000006_crm). Companies
//! and contacts are declared in `schema.rs`.

diesel::table! {
    deals (id) {
        id -> Text,
        tenant_id -> Text,
        title -> Text,
        title_key -> Text,
        stage -> Text,
        value_cents -> BigInt,
        probability -> BigInt,
        expected_close_date -> Nullable<Date>,
        owner_id -> Text,
        company_id -> Nullable<Text>,
        contact_id -> Nullable<Text>,
        notes -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    deal_stage_changes (id) {
        id -> Text,
        tenant_id -> Text,
        deal_id -> Text,
        from_stage -> Nullable<Text>,
        to_stage -> Text,
        changed_by -> Text,
        changed_at -> Timestamp,
    }
}
