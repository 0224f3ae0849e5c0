//! The consent tables (migration 2026-11-22-000010_consent).

diesel::table! {
    marketing_consents (id) {
        id -> Text,
        tenant_id -> Text,
        user_id -> Text,
        list -> Text,
        granted -> Bool,
        source -> Text,
        policy_version -> Text,
        recorded_at -> Timestamp,
    }
}

diesel::table! {
    contact_suppressions (address_hash, scope) {
        address_hash -> Text,
        scope -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    processing_restrictions (tenant_id, user_id) {
        tenant_id -> Text,
        user_id -> Text,
        restricted_at -> Timestamp,
    }
}

diesel::table! {
    cookie_consents (id) {
        id -> Text,
        consent_id -> Text,
        categories -> Text,
        policy_version -> Text,
        recorded_at -> Timestamp,
    }
}

diesel::table! {
    analytics_events (id) {
        id -> Text,
        pseudonym -> Text,
        event -> Text,
        name -> Text,
        country -> Nullable<Text>,
        region -> Nullable<Text>,
        occurred_on -> Date,
        recorded_at -> Timestamp,
    }
}

diesel::table! {
    policy_texts (kind, version) {
        kind -> Text,
        version -> Text,
        summary -> Text,
        body -> Text,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    marketing_consents,
    contact_suppressions,
    processing_restrictions,
    cookie_consents,
    analytics_events,
    policy_texts,
);
