//! Tables of retention and data-subject requests (migration 2026-11-22-000009_retention).

diesel::table! {
    prospects (id) {
        id -> Text,
        email -> Text,
        full_name -> Nullable<Text>,
        phone -> Nullable<Text>,
        company -> Nullable<Text>,
        interest_notes -> Nullable<Text>,
        source -> Text,
        created_at -> Timestamp,
        last_interaction_at -> Timestamp,
        not_interested_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    privacy_requests (id) {
        id -> Text,
        tenant_id -> Nullable<Text>,
        user_id -> Nullable<Text>,
        subject_email -> Text,
        right_kind -> Text,
        status -> Text,
        filed_by -> Text,
        details -> Nullable<Text>,
        received_at -> Timestamp,
        due_at -> Timestamp,
        extended_due_at -> Nullable<Timestamp>,
        extension_reason -> Nullable<Text>,
        verified_at -> Nullable<Timestamp>,
        verification_method -> Nullable<Text>,
        code_hash -> Nullable<Text>,
        code_expires_at -> Nullable<Timestamp>,
        code_attempts -> Integer,
        outcome -> Nullable<Text>,
        closed_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    privacy_restrictions (id) {
        id -> Text,
        subject_email -> Text,
        request_id -> Nullable<Text>,
        since -> Timestamp,
        lifted_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    retention_erasures (id) {
        id -> Text,
        occurred_at -> Timestamp,
        profile -> Text,
        tenant_id -> Nullable<Text>,
        subject_kind -> Text,
        table_name -> Text,
        row_count -> BigInt,
        reason -> Text,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    prospects,
    privacy_requests,
    privacy_restrictions,
    retention_erasures
);
