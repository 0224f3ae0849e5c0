//! CRM rules: the sales pipeline's stages with their default win
//! probabilities, the weighted value of deals, and tags.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::account::InvalidInput;
use crate::money::round_to_cent;

/// A stage of the (fixed, default) sales pipeline, in pipeline order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DealStage {
    Lead,
    Qualified,
    Proposal,
    Negotiation,
    Won,
    Lost,
}

impl DealStage {
    /// Every stage, in the order the pipeline shows them.
    pub const ALL: [DealStage; 6] = [
        DealStage::Lead,
        DealStage::Qualified,
        DealStage::Proposal,
        DealStage::Negotiation,
        DealStage::Won,
        DealStage::Lost,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DealStage::Lead => "lead",
            DealStage::Qualified => "qualified",
            DealStage::Proposal => "proposal",
            DealStage::Negotiation => "negotiation",
            DealStage::Won => "won",
            DealStage::Lost => "lost",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, InvalidInput> {
        let wanted = raw.trim().to_ascii_lowercase();
        Self::ALL.into_iter().find(|s| s.as_str() == wanted).ok_or_else(|| {
            InvalidInput::new(
                "invalid_stage",
                format!("'{}' is not a pipeline stage; use one of lead, qualified, proposal, negotiation, won, lost", raw.trim()),
            )
        })
    }

    /// The chance of winning a deal in this stage, in per cent, when the
    /// deal does not say otherwise.
    pub fn default_probability(self) -> u8 {
        match self {
            DealStage::Lead => 10,
            DealStage::Qualified => 25,
            DealStage::Proposal => 50,
            DealStage::Negotiation => 75,
            DealStage::Won => 100,
            DealStage::Lost => 0,
        }
    }

    /// Won and lost deals are closed: their probability is certain.
    pub fn is_closed(self) -> bool {
        matches!(self, DealStage::Won | DealStage::Lost)
    }
}

/// The probability a deal gets: the one given, or the stage's default. A
/// closed deal's probability is fixed (100 % won, 0 % lost); another value
/// is refused rather than silently replaced.
pub fn deal_probability(stage: DealStage, given: Option<u8>) -> Result<u8, InvalidInput> {
    match given {
        None => Ok(stage.default_probability()),
        Some(p) if p > 100 => Err(InvalidInput::new(
            "out_of_range",
            "the probability is a percentage from 0 to 100",
        )),
        Some(p) if stage.is_closed() && p != stage.default_probability() => Err(InvalidInput::new(
            "closed_deal_probability",
            format!(
                "a {} deal has a probability of {} %; leave the probability out",
                stage.as_str(),
                stage.default_probability()
            ),
        )),
        Some(p) => Ok(p),
    }
}

/// A deal's value: euros, not negative, at most two decimals (never rounded
/// silently: the person typed what they meant).
pub fn parse_deal_value(value: Decimal) -> Result<Decimal, InvalidInput> {
    if value.is_sign_negative() && !value.is_zero() {
        return Err(InvalidInput::new(
            "negative",
            "a deal's value cannot be negative",
        ));
    }
    if value.normalize().scale() > 2 {
        return Err(InvalidInput::new(
            "too_precise",
            "a deal's value is in euros with at most two decimals (cents)",
        ));
    }
    if value > Decimal::from(1_000_000_000_000_i64) {
        return Err(InvalidInput::new(
            "too_large",
            "a deal's value must be below EUR 1,000,000,000,000",
        ));
    }
    Ok(value)
}

/// One stage's line in the pipeline summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageTotal {
    pub stage: DealStage,
    pub count: u64,
    /// The sum of the deals' values.
    pub value: Decimal,
    /// The sum of value × probability, rounded to the cent once per stage
    /// (half away from zero, [`round_to_cent`]).
    pub weighted_value: Decimal,
}

/// The pipeline summary: one line per stage, in pipeline order, also for
/// stages without deals. `deals` are `(stage, value, probability %)`.
pub fn pipeline_summary(
    deals: impl IntoIterator<Item = (DealStage, Decimal, u8)>,
) -> Vec<StageTotal> {
    let mut totals: Vec<(DealStage, u64, Decimal, Decimal)> = DealStage::ALL
        .iter()
        .map(|s| (*s, 0, Decimal::ZERO, Decimal::ZERO))
        .collect();
    for (stage, value, probability) in deals {
        if let Some(line) = totals.iter_mut().find(|t| t.0 == stage) {
            line.1 += 1;
            line.2 += value;
            line.3 += value * Decimal::from(probability) / Decimal::ONE_HUNDRED;
        }
    }
    totals
        .into_iter()
        .map(|(stage, count, value, weighted)| StageTotal {
            stage,
            count,
            value,
            weighted_value: round_to_cent(weighted),
        })
        .collect()
}

/// Tags as stored: trimmed, lower-case, 1 to 40 characters of letters,
/// digits, spaces, `-` and `_`, without repeats, in the order given.
pub fn parse_tags(raw: &[String]) -> Result<Vec<String>, InvalidInput> {
    if raw.len() > 30 {
        return Err(InvalidInput::new("too_many", "at most 30 tags"));
    }
    let mut tags: Vec<String> = Vec::new();
    for tag in raw {
        let tag = tag.trim().to_lowercase();
        if tag.is_empty()
            || tag.chars().count() > 40
            || !tag
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        {
            return Err(InvalidInput::new(
                "invalid_tag",
                format!(
                    "'{tag}' is not a valid tag: use 1 to 40 letters, digits, spaces, '-' or '_'"
                ),
            ));
        }
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    Ok(tags)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    #[test]
    fn stages_parse_and_have_default_probabilities() {
        assert_eq!(
            DealStage::parse(" Proposal ").ok(),
            Some(DealStage::Proposal)
        );
        assert_eq!(
            DealStage::parse("closed").map_err(|e| e.code),
            Err("invalid_stage")
        );
        let defaults: Vec<u8> = DealStage::ALL
            .iter()
            .map(|s| s.default_probability())
            .collect();
        assert_eq!(defaults, vec![10, 25, 50, 75, 100, 0]);
    }

    #[test]
    fn closed_deals_have_a_fixed_probability() {
        assert_eq!(deal_probability(DealStage::Proposal, None), Ok(50));
        assert_eq!(deal_probability(DealStage::Proposal, Some(60)), Ok(60));
        assert_eq!(deal_probability(DealStage::Won, Some(100)), Ok(100));
        assert_eq!(
            deal_probability(DealStage::Won, Some(90)).map_err(|e| e.code),
            Err("closed_deal_probability")
        );
        assert_eq!(
            deal_probability(DealStage::Lead, Some(101)).map_err(|e| e.code),
            Err("out_of_range")
        );
    }

    #[test]
    fn values_are_euros_with_cents() {
        assert!(parse_deal_value(d("1000.50")).is_ok());
        assert!(
            parse_deal_value(d("1000.500")).is_ok(),
            "trailing zeros are not extra precision"
        );
        assert_eq!(
            parse_deal_value(d("0.125")).map_err(|e| e.code),
            Err("too_precise")
        );
        assert_eq!(
            parse_deal_value(d("-1")).map_err(|e| e.code),
            Err("negative")
        );
    }

    #[test]
    fn the_weighted_value_is_rounded_once_per_stage_half_away_from_zero() {
        // 0.05 × 25 % = 0.0125 twice: 0.025 → 0.03 (rounded per deal it would be 0.02).
        let summary = pipeline_summary(vec![
            (DealStage::Qualified, d("0.05"), 25),
            (DealStage::Qualified, d("0.05"), 25),
            (DealStage::Proposal, d("1000"), 50),
            (DealStage::Proposal, d("333.33"), 33),
        ]);
        assert_eq!(summary.len(), 6);
        assert_eq!(
            summary[0],
            StageTotal {
                stage: DealStage::Lead,
                count: 0,
                value: d("0"),
                weighted_value: d("0")
            }
        );
        assert_eq!(summary[1].weighted_value, d("0.03"));
        assert_eq!(summary[2].count, 2);
        assert_eq!(summary[2].value, d("1333.33"));
        // 500 + 109.9989 = 609.9989 → 610.00
        assert_eq!(summary[2].weighted_value, d("610.00"));
    }

    #[test]
    fn tags_are_normalised() {
        assert_eq!(
            parse_tags(&[" VIP ".into(), "vip".into(), "b2b-partner".into()]).ok(),
            Some(vec!["vip".to_owned(), "b2b-partner".to_owned()])
        );
        assert_eq!(
            parse_tags(&["a\"b".into()]).map_err(|e| e.code),
            Err("invalid_tag")
        );
        assert_eq!(
            parse_tags(&[" ".into()]).map_err(|e| e.code),
            Err("invalid_tag")
        );
    }
}
