//! Diesel tables of the sales area (migration 2026-11-22-000007_sales).

diesel::table! {
    sales_settings (tenant_id) {
        tenant_id -> Text,
        invoice_prefix -> Text,
        quotation_prefix -> Text,
        iban -> Nullable<Text>,
        bic -> Nullable<Text>,
        logo_media_type -> Nullable<Text>,
        logo_base64 -> Nullable<Text>,
        payment_term_days -> BigInt,
        late_payment_policy -> Text,
        contractual_rate -> Nullable<Text>,
        default_vat_rate -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    quotations (id) {
        id -> Text,
        tenant_id -> Text,
        company_id -> Nullable<Text>,
        contact_id -> Nullable<Text>,
        state -> Text,
        number -> Nullable<Text>,
        issue_date -> Nullable<Date>,
        valid_until -> Date,
        title -> Nullable<Text>,
        notes -> Nullable<Text>,
        lines -> Text,
        buyer -> Nullable<Text>,
        total_excl_vat_cents -> BigInt,
        vat_cents -> BigInt,
        total_incl_vat_cents -> BigInt,
        public_token_hash -> Nullable<Text>,
        sent_at -> Nullable<Timestamp>,
        answered_at -> Nullable<Timestamp>,
        sales_invoice_id -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    sales_invoices (id) {
        id -> Text,
        tenant_id -> Text,
        company_id -> Nullable<Text>,
        contact_id -> Nullable<Text>,
        state -> Text,
        lines -> Text,
        notes -> Nullable<Text>,
        quotation_id -> Nullable<Text>,
        invoice_id -> Nullable<Text>,
        number -> Nullable<Text>,
        issue_date -> Nullable<Date>,
        due_date -> Nullable<Date>,
        customer_name -> Text,
        total_excl_vat_cents -> BigInt,
        vat_cents -> BigInt,
        total_incl_vat_cents -> BigInt,
        credited_cents -> BigInt,
        paid_cents -> BigInt,
        open_principal_cents -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    sales_payments (id) {
        id -> Text,
        tenant_id -> Text,
        sales_invoice_id -> Text,
        amount_cents -> BigInt,
        received_on -> Date,
        reference -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    sales_reminders (id) {
        id -> Text,
        tenant_id -> Text,
        sales_invoice_id -> Text,
        sent_on -> Date,
        principal_cents -> BigInt,
        interest_cents -> BigInt,
        compensation_cents -> BigInt,
        total_cents -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    sales_settings,
    quotations,
    sales_invoices,
    sales_payments,
    sales_reminders
);
