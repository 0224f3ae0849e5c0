//! The diesel schema, identical for SQLite and PostgreSQL (see `migrations/`).

diesel::table! {
    tenants (id) {
        id -> Text,
        name -> Text,
        country -> Text,
        vat_number -> Nullable<Text>,
        street -> Text,
        postal_code -> Text,
        city -> Text,
        status -> Text,
        trial_ends_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        is_consumer -> Bool,
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

diesel::table! {
    catalogue_prices (id) {
        id -> Text,
        item -> Text,
        annual_price_cents -> BigInt,
        effective_from -> Timestamp,
        announced_at -> Timestamp,
    }
}

diesel::table! {
    contracts (id) {
        id -> Text,
        tenant_id -> Text,
        status -> Text,
        term_length -> Text,
        started_on -> Date,
        modules -> Text,
        modules_next_term -> Text,
        extra_seats -> Integer,
        extra_seats_next_term -> Integer,
        term_seq -> Integer,
        term_starts_on -> Date,
        term_ends_on -> Date,
        term_price_cents -> BigInt,
        delivered_at -> Timestamp,
        nonconformity_reported_at -> Nullable<Timestamp>,
        nonconformity -> Nullable<Text>,
        cancelled_at -> Nullable<Timestamp>,
        cancel_reason -> Nullable<Text>,
        cancel_notice_id -> Nullable<Text>,
        cancel_notice_kind -> Nullable<Text>,
        cancel_notice_at -> Nullable<Timestamp>,
        deactivated_at -> Nullable<Timestamp>,
        suspended_at -> Nullable<Timestamp>,
        suspension_reason -> Nullable<Text>,
        terminated_at -> Nullable<Timestamp>,
        termination_reason -> Nullable<Text>,
        termination_reason_since -> Nullable<Timestamp>,
        export_window_ends_at -> Nullable<Timestamp>,
        soft_deleted_at -> Nullable<Timestamp>,
        anonymised_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    contract_terms (id) {
        id -> Text,
        tenant_id -> Text,
        contract_id -> Text,
        seq -> Integer,
        starts_on -> Date,
        ends_on -> Date,
        price_cents -> BigInt,
        invoice_id -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    change_notices (id) {
        id -> Text,
        tenant_id -> Text,
        kind -> Text,
        summary -> Text,
        announced_at -> Timestamp,
        effective_from -> Timestamp,
    }
}

diesel::table! {
    tenant_events (id) {
        id -> Text,
        tenant_id -> Text,
        occurred_at -> Timestamp,
        kind -> Text,
        summary -> Text,
        dedupe_key -> Nullable<Text>,
    }
}

diesel::table! {
    invoices (id) {
        id -> Text,
        seller_tenant_id -> Nullable<Text>,
        buyer_tenant_id -> Nullable<Text>,
        kind -> Text,
        series -> Text,
        year -> Integer,
        seq -> Integer,
        number -> Text,
        issue_date -> Date,
        due_date -> Date,
        payment_method -> Text,
        structured_communication -> Text,
        currency -> Text,
        total_excl_vat_cents -> BigInt,
        vat_cents -> BigInt,
        total_incl_vat_cents -> BigInt,
        document -> Text,
        credited_invoice_id -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    invoice_counters (ledger, series, year) {
        ledger -> Text,
        series -> Text,
        year -> Integer,
        last_seq -> Integer,
    }
}

diesel::table! {
    payments (id) {
        id -> Text,
        payer_tenant_id -> Text,
        amount_cents -> BigInt,
        received_on -> Date,
        reference -> Text,
        communication -> Nullable<Text>,
        source -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    idempotency_keys (scope, idempotency_key) {
        scope -> Text,
        idempotency_key -> Text,
        request_hash -> Text,
        status -> Integer,
        body -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    invoice_disputes (id) {
        id -> Text,
        tenant_id -> Text,
        invoice_id -> Text,
        reasons -> Text,
        lodged_at -> Timestamp,
    }
}

diesel::table! {
    invoice_accelerations (invoice_id) {
        invoice_id -> Text,
        tenant_id -> Text,
        due_on -> Date,
        created_at -> Timestamp,
    }
}

diesel::table! {
    payment_mandates (mandate_id) {
        mandate_id -> Text,
        tenant_id -> Text,
        iban -> Text,
        bic -> Nullable<Text>,
        account_holder -> Text,
        signed_on -> Date,
        revoked_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    collection_costs (id) {
        id -> Text,
        tenant_id -> Text,
        invoice_id -> Text,
        amount_cents -> BigInt,
        incurred_on -> Date,
        description -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    non_payment_cancellations (invoice_id) {
        invoice_id -> Text,
        tenant_id -> Text,
        cancelled_on -> Date,
        created_at -> Timestamp,
    }
}

diesel::table! {
    consumer_reminders (invoice_id) {
        invoice_id -> Text,
        tenant_id -> Text,
        sent_on -> Date,
        created_at -> Timestamp,
    }
}

diesel::table! {
    companies (id) {
        id -> Text,
        tenant_id -> Text,
        name -> Text,
        vat_number -> Nullable<Text>,
        email -> Nullable<Text>,
        phone -> Nullable<Text>,
        website -> Nullable<Text>,
        street -> Nullable<Text>,
        postal_code -> Nullable<Text>,
        city -> Nullable<Text>,
        country -> Nullable<Text>,
        tags -> Text,
        notes -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        marketing_consent -> Bool,
        sort_name -> Text,
        city_key -> Text,
        search_text -> Text,
    }
}

diesel::table! {
    contacts (id) {
        id -> Text,
        tenant_id -> Text,
        company_id -> Nullable<Text>,
        first_name -> Text,
        last_name -> Text,
        email -> Nullable<Text>,
        phone -> Nullable<Text>,
        mobile -> Nullable<Text>,
        job_title -> Nullable<Text>,
        street -> Nullable<Text>,
        postal_code -> Nullable<Text>,
        city -> Nullable<Text>,
        country -> Nullable<Text>,
        language -> Nullable<Text>,
        tags -> Text,
        notes -> Nullable<Text>,
        marketing_consent -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        sort_name -> Text,
        city_key -> Text,
        search_text -> Text,
    }
}

diesel::table! {
    domain_events (id) {
        id -> Text,
        tenant_id -> Text,
        kind -> Text,
        resource_type -> Text,
        resource_id -> Text,
        payload -> Text,
        occurred_at -> Timestamp,
    }
}

diesel::joinable!(users -> tenants (tenant_id));
diesel::joinable!(contacts -> companies (company_id));
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
    catalogue_prices,
    contracts,
    contract_terms,
    change_notices,
    tenant_events,
    invoices,
    invoice_counters,
    payments,
    idempotency_keys,
    invoice_disputes,
    invoice_accelerations,
    payment_mandates,
    collection_costs,
    non_payment_cancellations,
    consumer_reminders,
    companies,
    contacts,
    domain_events,
);
