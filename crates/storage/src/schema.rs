//! The diesel schema, identical for SQLite and PostgreSQL (see `migrations/`).

diesel::table! {
    tenants (id) {
        id -> Text,
        name -> Text,
        country -> Text,
        vat_number -> Nullable<Text>,
        status -> Text,
        trial_ends_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        tenant_id -> Text,
        email -> Text,
        password_hash -> Nullable<Text>,
        first_name -> Text,
        last_name -> Text,
        function -> Nullable<Text>,
        phone -> Nullable<Text>,
        role -> Text,
        status -> Text,
        failed_login_count -> Integer,
        locked_until -> Nullable<Timestamp>,
        invitation_token_hash -> Nullable<Text>,
        invitation_expires_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        activated_at -> Nullable<Timestamp>,
        last_login_at -> Nullable<Timestamp>,
        deactivated_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    operators (id) {
        id -> Text,
        email -> Text,
        password_hash -> Text,
        failed_login_count -> Integer,
        locked_until -> Nullable<Timestamp>,
        created_at -> Timestamp,
        last_login_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    sessions (id) {
        id -> Text,
        subject_kind -> Text,
        subject_id -> Text,
        tenant_id -> Nullable<Text>,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
        revoke_reason -> Nullable<Text>,
    }
}

diesel::table! {
    refresh_tokens (token_hash) {
        token_hash -> Text,
        session_id -> Text,
        issued_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    api_keys (id) {
        id -> Text,
        tenant_id -> Text,
        created_by -> Text,
        name -> Text,
        prefix -> Text,
        secret_hash -> Text,
        scopes -> Text,
        created_at -> Timestamp,
        expires_at -> Nullable<Timestamp>,
        last_used_at -> Nullable<Timestamp>,
        last_used_country -> Nullable<Text>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    policy_versions (kind, version) {
        kind -> Text,
        version -> Text,
        title -> Text,
        effective_from -> Timestamp,
    }
}

diesel::table! {
    policy_acceptances (id) {
        id -> Text,
        tenant_id -> Text,
        user_id -> Text,
        kind -> Text,
        version -> Text,
        accepted_at -> Timestamp,
    }
}

diesel::table! {
    trial_registrations (id) {
        id -> Text,
        tenant_id -> Text,
        email -> Text,
        vat_number -> Nullable<Text>,
        started_at -> Timestamp,
        ends_at -> Timestamp,
    }
}

diesel::table! {
    audit_log (id) {
        id -> Text,
        occurred_at -> Timestamp,
        tenant_id -> Nullable<Text>,
        actor_kind -> Text,
        actor_id -> Nullable<Text>,
        action -> Text,
        target_kind -> Nullable<Text>,
        target_id -> Nullable<Text>,
        details -> Text,
        request_id -> Nullable<Text>,
    }
}

diesel::table! {
    server_secrets (name) {
        name -> Text,
        value -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    notices (id) {
        id -> Text,
        tenant_id -> Nullable<Text>,
        recipient -> Text,
        kind -> Text,
        essential -> Bool,
        subject -> Text,
        body -> Text,
        secret -> Nullable<Text>,
        dedupe_key -> Nullable<Text>,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    communication_preferences (tenant_id, user_id) {
        tenant_id -> Text,
        user_id -> Text,
        non_essential_opt_out -> Bool,
        updated_at -> Timestamp,
    }
}

diesel::joinable!(users -> tenants (tenant_id));
diesel::joinable!(api_keys -> tenants (tenant_id));
diesel::joinable!(refresh_tokens -> sessions (session_id));

diesel::allow_tables_to_appear_in_same_query!(
    tenants,
    users,
    operators,
    sessions,
    refresh_tokens,
    api_keys,
    policy_versions,
    policy_acceptances,
    trial_registrations,
    audit_log,
    server_secrets,
    notices,
    communication_preferences,
);
