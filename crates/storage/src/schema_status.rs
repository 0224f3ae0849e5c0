//! Tables of the status page (migration 2026-11-22-000012_status).

diesel::table! {
    status_days (day) {
        day -> Date,
        samples -> BigInt,
        healthy_samples -> BigInt,
        latency_ms_total -> BigInt,
    }
}

diesel::table! {
    maintenance_windows (id) {
        id -> Text,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        description -> Text,
        announced_at -> Timestamp,
        announced_by -> Text,
        cancelled_at -> Nullable<Timestamp>,
    }
}

diesel::allow_tables_to_appear_in_same_query!(status_days, maintenance_windows);
