//! Invoice numbers: one series per ledger, prefix and year, numbered 1, 2, 3…
//! without gaps or duplicates (SPEC §3; Council Directive 2006/112/EC
//! art. 226(2): "a sequential number, based on one or more series, which
//! uniquely identifies the invoice"). The storage layer keeps the last number in a row it locks while
//! issuing; this module says what the next number is and how it is written.

use crate::ids::TenantId;
use std::fmt;

/// The highest sequence number in a series and year: six digits, so that
/// year and sequence fit a structured communication's ten-digit base.
pub const MAX_SEQUENCE: u32 = 999_999;

/// Whose invoices a series numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Ledger {
    /// The Operator invoicing its Clients (SPEC §3).
    Operator,
    /// A tenant invoicing its own customers (SPEC §5).
    Tenant(TenantId),
}

/// A series prefix: up to 10 upper-case letters and digits (`F` for
/// invoices, `CN` for credit notes), or empty.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SeriesPrefix(String);

impl SeriesPrefix {
    pub fn parse(raw: &str) -> Result<Self, NumberingError> {
        let prefix = raw.trim().to_ascii_uppercase();
        if prefix.len() > 10
            || !prefix
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        {
            return Err(NumberingError::InvalidPrefix {
                prefix: raw.trim().to_owned(),
            });
        }
        Ok(Self(prefix))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The key of one gapless series: the storage layer keeps one counter row per key.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SeriesKey {
    pub ledger: Ledger,
    pub prefix: SeriesPrefix,
    pub year: i32,
}

/// Why a number could not be made, parsed or continued.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NumberingError {
    #[error("'{prefix}' is not a series prefix: use up to 10 letters and digits")]
    InvalidPrefix { prefix: String },
    #[error("the year {year} is outside 2000–9999")]
    YearOutOfRange { year: i32 },
    #[error("sequence number {sequence} is outside 1–{MAX_SEQUENCE}")]
    SequenceOutOfRange { sequence: u32 },
    #[error("the series is full: {MAX_SEQUENCE} numbers were issued this year; open a series with another prefix")]
    SeriesExhausted,
    #[error("'{raw}' is not an invoice number of the form PREFIX-2026-000042")]
    Unreadable { raw: String },
}

/// An invoice or credit note number: `F-2026-000042`, or `2026-000042`
/// when the prefix is empty. The sequence has at least six digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct InvoiceNumber {
    prefix: SeriesPrefix,
    year: i32,
    sequence: u32,
}

impl InvoiceNumber {
    pub fn new(prefix: SeriesPrefix, year: i32, sequence: u32) -> Result<Self, NumberingError> {
        if !(2000..=9999).contains(&year) {
            return Err(NumberingError::YearOutOfRange { year });
        }
        if !(1..=MAX_SEQUENCE).contains(&sequence) {
            return Err(NumberingError::SequenceOutOfRange { sequence });
        }
        Ok(Self {
            prefix,
            year,
            sequence,
        })
    }

    /// Reads a number as printed, ignoring case and surrounding spaces
    /// (a Client quoting it in a dispute may type `f-2026-000042`).
    pub fn parse(raw: &str) -> Result<Self, NumberingError> {
        let unreadable = || NumberingError::Unreadable {
            raw: raw.trim().to_owned(),
        };
        let text = raw.trim().to_ascii_uppercase();
        let mut parts = text.rsplitn(3, '-');
        let (Some(sequence), Some(year)) = (parts.next(), parts.next()) else {
            return Err(unreadable());
        };
        let prefix = parts.next().unwrap_or("");
        if year.len() != 4
            || sequence.len() < 6
            || !(year.bytes().chain(sequence.bytes())).all(|b| b.is_ascii_digit())
        {
            return Err(unreadable());
        }
        let year = year.parse().map_err(|_| unreadable())?;
        let sequence = sequence.parse().map_err(|_| unreadable())?;
        if text.starts_with('-') {
            return Err(unreadable());
        }
        Self::new(SeriesPrefix::parse(prefix)?, year, sequence)
    }

    pub fn prefix(&self) -> &SeriesPrefix {
        &self.prefix
    }

    pub fn year(&self) -> i32 {
        self.year
    }

    /// The position in the series, 1 for the first number of the year.
    pub fn sequence(&self) -> u32 {
        self.sequence
    }
}

impl fmt::Display for InvoiceNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.prefix.0.is_empty() {
            write!(f, "{}-", self.prefix.0)?;
        }
        write!(f, "{}-{:06}", self.year, self.sequence)
    }
}

/// The sequence number after `last` in a series and year: 1 when nothing
/// was issued yet. The storage layer calls it with the counter row locked.
pub fn next_number(last: Option<u32>) -> Result<u32, NumberingError> {
    match last {
        None => Ok(1),
        Some(last) if last >= MAX_SEQUENCE => Err(NumberingError::SeriesExhausted),
        Some(last) => Ok(last + 1),
    }
}

/// What an audit of one series found: numbers missing below the highest
/// one, and numbers used more than once. Both empty for a sound series.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeriesDefects {
    pub missing: Vec<u32>,
    pub duplicated: Vec<u32>,
}

/// Audits the sequence numbers issued in one series and year.
pub fn audit_series(issued: &[u32]) -> SeriesDefects {
    let mut sorted = issued.to_vec();
    sorted.sort_unstable();
    let mut defects = SeriesDefects::default();
    let mut expected = 1;
    for (i, &n) in sorted.iter().enumerate() {
        if i > 0 && sorted[i - 1] == n {
            if defects.duplicated.last() != Some(&n) {
                defects.duplicated.push(n);
            }
            continue;
        }
        defects.missing.extend(expected..n);
        expected = n + 1;
    }
    defects
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn prefix(p: &str) -> SeriesPrefix {
        SeriesPrefix::parse(p).unwrap()
    }

    #[test]
    fn formats_and_parses() {
        let n = InvoiceNumber::new(prefix("F"), 2026, 42).unwrap();
        assert_eq!(n.to_string(), "F-2026-000042");
        assert_eq!(InvoiceNumber::parse(" f-2026-000042 ").unwrap(), n);
        let bare = InvoiceNumber::new(prefix(""), 2026, 42).unwrap();
        assert_eq!(bare.to_string(), "2026-000042");
        assert_eq!(InvoiceNumber::parse("2026-000042").unwrap(), bare);
        assert_eq!(
            InvoiceNumber::parse("CN-2027-999999").unwrap().sequence(),
            999_999
        );
    }

    #[test]
    fn unreadable_numbers_are_refused() {
        for raw in [
            "",
            "F-2026-42",
            "F-26-000042",
            "F-2026-00004x",
            "-2026-000042",
            "F_X-2026-000001",
            "F-2026-000000",
        ] {
            assert!(InvoiceNumber::parse(raw).is_err(), "{raw}");
        }
        assert_eq!(
            InvoiceNumber::new(prefix("F"), 2026, 0),
            Err(NumberingError::SequenceOutOfRange { sequence: 0 })
        );
    }

    #[test]
    fn next_number_starts_at_one_and_stops_at_the_limit() {
        assert_eq!(next_number(None), Ok(1));
        assert_eq!(next_number(Some(41)), Ok(42));
        assert_eq!(
            next_number(Some(MAX_SEQUENCE)),
            Err(NumberingError::SeriesExhausted)
        );
    }

    #[test]
    fn audit_finds_gaps_and_duplicates() {
        assert_eq!(audit_series(&[1, 2, 3]), SeriesDefects::default());
        assert_eq!(
            audit_series(&[3, 1, 5, 5, 5]),
            SeriesDefects {
                missing: vec![2, 4],
                duplicated: vec![5]
            }
        );
    }

    proptest! {
        #[test]
        fn issuing_n_in_sequence_yields_one_to_n(n in 0usize..2000) {
            let mut last = None;
            let mut issued = Vec::new();
            for _ in 0..n {
                let next = next_number(last).unwrap();
                issued.push(next);
                last = Some(next);
            }
            prop_assert_eq!(&issued, &(1..=n as u32).collect::<Vec<_>>());
            prop_assert_eq!(audit_series(&issued), SeriesDefects::default());
        }

        #[test]
        fn printed_numbers_read_back(p in "[A-Z0-9]{0,10}", year in 2000i32..=9999, seq in 1u32..=MAX_SEQUENCE) {
            let n = InvoiceNumber::new(prefix(&p), year, seq).unwrap();
            prop_assert_eq!(InvoiceNumber::parse(&n.to_string()).unwrap(), n);
        }
    }
}
