//! Diesel schema of the work modules (migration `2026-11-22-000008_work`).

diesel::table! {
    calendar_events (id) {
        id -> Text,
        tenant_id -> Text,
        title -> Text,
        description -> Nullable<Text>,
        location -> Nullable<Text>,
        all_day -> Bool,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        contact_id -> Nullable<Text>,
        company_id -> Nullable<Text>,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        title_key -> Text,
        search_text -> Text,
    }
}

diesel::table! {
    calendar_event_attendees (event_id, user_id) {
        event_id -> Text,
        tenant_id -> Text,
        user_id -> Text,
    }
}

diesel::table! {
    calendar_feed_tokens (user_id) {
        user_id -> Text,
        tenant_id -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    projects (id) {
        id -> Text,
        tenant_id -> Text,
        name -> Text,
        description -> Nullable<Text>,
        company_id -> Nullable<Text>,
        contact_id -> Nullable<Text>,
        status -> Text,
        budget_hours -> Nullable<Text>,
        hourly_rate_cents -> BigInt,
        vat_rate -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    project_tasks (id) {
        id -> Text,
        tenant_id -> Text,
        project_id -> Text,
        title -> Text,
        description -> Nullable<Text>,
        assignee_id -> Nullable<Text>,
        due_date -> Nullable<Date>,
        status -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        title_key -> Text,
        search_text -> Text,
    }
}

diesel::table! {
    time_entries (id) {
        id -> Text,
        tenant_id -> Text,
        project_id -> Text,
        task_id -> Nullable<Text>,
        user_id -> Text,
        entry_date -> Date,
        minutes -> BigInt,
        description -> Text,
        billable -> Bool,
        billed_at -> Nullable<Timestamp>,
        invoice_reference -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        search_text -> Text,
    }
}

diesel::table! {
    tickets (id) {
        id -> Text,
        tenant_id -> Text,
        subject -> Text,
        description -> Nullable<Text>,
        requester_id -> Text,
        status -> Text,
        priority -> Text,
        assignee_id -> Nullable<Text>,
        first_response_at -> Nullable<Timestamp>,
        resolved_at -> Nullable<Timestamp>,
        sla_pauses -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    ticket_messages (id) {
        id -> Text,
        tenant_id -> Text,
        ticket_id -> Text,
        author_id -> Text,
        body -> Text,
        internal -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    call_records (id) {
        id -> Text,
        tenant_id -> Text,
        number -> Text,
        direction -> Text,
        started_at -> Timestamp,
        duration_seconds -> BigInt,
        outcome -> Text,
        notes -> Nullable<Text>,
        contact_id -> Nullable<Text>,
        user_id -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        search_text -> Text,
    }
}

diesel::table! {
    do_not_call_numbers (id) {
        id -> Text,
        tenant_id -> Text,
        number_hash -> Text,
        hint -> Text,
        created_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::allow_tables_to_appear_in_same_query!(calendar_events, calendar_event_attendees);
diesel::allow_tables_to_appear_in_same_query!(projects, project_tasks, time_entries);
diesel::allow_tables_to_appear_in_same_query!(tickets, ticket_messages);
