//! The notices Ecom sends to Clients, and which of them a person may opt out of.

use serde::{Deserialize, Serialize};

/// Every kind of notice (SPEC §6 "Communications").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    /// An Administrator invited a person to the tenant.
    UserInvited,
    /// The trial ends in 3 days.
    TrialEnding,
    TrialEnded,
    OrderConfirmed,
    /// The term renews soon; says until when it can still be cancelled.
    RenewalComing,
    Renewed,
    PriceChange,
    TermsChange,
    /// A new privacy statement, data processing agreement or cookie policy.
    PolicyChange,
    CancellationConfirmed,
    Deactivation,
    ExportWindow,
    InvoiceIssued,
    /// An invoice was credited (e.g. the renewal invoice of a term that will
    /// not run, terms art. 15 (2)).
    InvoiceCredited,
    PaymentOverdue,
    /// A webhook failed for 3 days and was disabled.
    WebhookDisabled,
    /// Maintenance announced or called off (terms art. 20); a Communication
    /// a Client may turn off (art. 21).
    Maintenance,
    /// A tenant sent a quotation to its customer (with the public link).
    QuotationSent,
    /// A tenant reminded its customer of an overdue sales invoice.
    SalesInvoiceReminder,
}

impl NoticeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NoticeKind::UserInvited => "user_invited",
            NoticeKind::TrialEnding => "trial_ending",
            NoticeKind::TrialEnded => "trial_ended",
            NoticeKind::OrderConfirmed => "order_confirmed",
            NoticeKind::RenewalComing => "renewal_coming",
            NoticeKind::Renewed => "renewed",
            NoticeKind::PriceChange => "price_change",
            NoticeKind::TermsChange => "terms_change",
            NoticeKind::PolicyChange => "policy_change",
            NoticeKind::CancellationConfirmed => "cancellation_confirmed",
            NoticeKind::Deactivation => "deactivation",
            NoticeKind::ExportWindow => "export_window",
            NoticeKind::InvoiceIssued => "invoice_issued",
            NoticeKind::InvoiceCredited => "invoice_credited",
            NoticeKind::PaymentOverdue => "payment_overdue",
            NoticeKind::WebhookDisabled => "webhook_disabled",
            NoticeKind::Maintenance => "maintenance",
            NoticeKind::QuotationSent => "quotation_sent",
            NoticeKind::SalesInvoiceReminder => "sales_invoice_reminder",
        }
    }

    /// Essential notices are sent whatever the person's preferences: the
    /// terms require them (trial ending, invoice issued, payment overdue,
    /// price and terms changes, deactivation, export window; SPEC §6), or the
    /// person cannot act without them (an invitation, confirmations of what
    /// they ordered or cancelled). The rest are reminders a Client may turn
    /// off (terms art. 21).
    pub fn is_essential(self) -> bool {
        !matches!(
            self,
            NoticeKind::RenewalComing | NoticeKind::Renewed | NoticeKind::Maintenance
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_the_terms_require_are_essential() {
        for kind in [
            NoticeKind::TrialEnding,
            NoticeKind::InvoiceIssued,
            NoticeKind::InvoiceCredited,
            NoticeKind::PaymentOverdue,
            NoticeKind::PriceChange,
            NoticeKind::TermsChange,
            NoticeKind::Deactivation,
            NoticeKind::ExportWindow,
        ] {
            assert!(kind.is_essential(), "{kind:?}");
        }
        assert!(!NoticeKind::RenewalComing.is_essential());
        assert!(!NoticeKind::Maintenance.is_essential());
    }
}

/// How long to wait before the next delivery attempt after `attempts`
/// failed ones: 1, 2, 4, ... minutes, at most 6 hours; `None` after the
/// 10th failure (the notice is marked failed and shows in the operator's view).
pub fn retry_delay(attempts: u32) -> Option<chrono::Duration> {
    const MAX_ATTEMPTS: u32 = 10;
    if attempts >= MAX_ATTEMPTS {
        return None;
    }
    let minutes = 1i64 << attempts.saturating_sub(1).min(20);
    Some(chrono::Duration::minutes(minutes.min(6 * 60)))
}

#[cfg(test)]
mod retry_tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn back_off_doubles_up_to_six_hours_then_gives_up() {
        assert_eq!(retry_delay(1), Some(Duration::minutes(1)));
        assert_eq!(retry_delay(2), Some(Duration::minutes(2)));
        assert_eq!(retry_delay(9), Some(Duration::minutes(256)));
        assert_eq!(retry_delay(10), None);
        assert!((1..10).all(|n| retry_delay(n).is_some_and(|d| d <= Duration::hours(6))));
    }
}
