//! The contract between Ecom and a Client (terms art. 5, 6, 9, 14, 15, 22;
//! SPEC §2): terms and their renewal, cancellation, delivery, prices and
//! order lines, price changes, termination, deactivation and what happens to
//! the Client's data afterwards, and the lifecycle that ties them together.
//!
//! Every rule is a pure function: dates and instants are arguments, nothing is
//! read from a clock or a database. Calendar days and working days are
//! Belgian (Europe/Brussels), see [`crate::calendar`].

pub mod cancellation;
pub mod deactivation;
pub mod delivery;
pub mod lifecycle;
pub mod price_change;
pub mod pricing;
pub mod renewal_invoice;
pub mod term;
pub mod termination;

pub use cancellation::{
    cancellation_deadline, check_cancellation, last_day_to_cancel, renewal_due,
    renewal_notice_from, renewal_notice_lead_days, CancellationGround, CancellationOutcome,
    CancellationRefused, ChangeKind, ChangeNotice,
};
pub use deactivation::{
    anonymise_due_by, check_deactivation, deactivation_due_by, deactivation_window,
    soft_delete_due, DeactivationTooEarly, DeactivationWindow,
};
pub use delivery::{
    check_non_conformity_report, delivery_state, non_conformity_report_deadline, DeliveryState,
    NonConformityReportTooLate,
};
pub use lifecycle::{
    due_events, transition, ContractEvent, ContractState, ContractStatus, DueEvent,
    TransitionRefused,
};
pub use price_change::{
    check_price_change, earliest_price_change_date, price_for_term, PriceChangeRefused,
    PriceVersion,
};
pub use pricing::{
    module_added_mid_term, price_per_term, pro_rata, seat_change, term_lines, Discount,
    InvalidDiscount, Module, ModuleNotPriced, Order, OrderItem, OrderLine, PriceList, SeatChange,
};
pub use renewal_invoice::{
    net_to_credit, withdraw_renewal_invoice, RenewalWithdrawal, TermInvoice,
};
pub use term::{next_term, Term, TermLength};
pub use termination::{
    check_operator_termination, export_window_ends, OperatorTerminationReason,
    OperatorTerminationRefused, DEFAULT_EXPORT_WINDOW_DAYS,
};
