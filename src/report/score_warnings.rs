//! The warnings about scores themselves, one function each: scores that are
//! not probabilities, and probabilities that are poorly calibrated.

use crate::format::{percent, threshold, value2};
use crate::metrics::calibration::POOR_CALIBRATION;
use crate::metrics::scores::ScoreNumbers;
use crate::report::warnings::{Severity, Warning, WarningId};

/// Every score warning that applies (at most one of the two).
pub fn score_warnings(n: &ScoreNumbers) -> Vec<Warning> {
    not_probabilities(n)
        .or_else(|| poor_calibration(n))
        .into_iter()
        .collect()
}

fn not_probabilities(n: &ScoreNumbers) -> Option<Warning> {
    if n.probabilities {
        return None;
    }
    Some(Warning {
        id: WarningId::NotProbabilities,
        severity: Severity::Medium,
        message: format!(
            "Scores run from {} to {}, so they are not probabilities: log loss, Brier score and calibration are undefined. ROC, precision–recall and thresholds still work.",
            threshold(n.min_score),
            threshold(n.max_score)
        ),
    })
}

fn poor_calibration(n: &ScoreNumbers) -> Option<Warning> {
    let cal = n
        .calibration
        .as_ref()
        .filter(|c| c.ece > POOR_CALIBRATION)?;
    let worst = cal.bins.iter().max_by(|a, b| {
        (a.fraction_positive - a.mean_score)
            .abs()
            .total_cmp(&(b.fraction_positive - b.mean_score).abs())
    });
    let example = worst
        .map(|b| {
            format!(
                " For example, examples scored about {} are positive {} of the time.",
                value2(b.mean_score),
                percent(b.fraction_positive)
            )
        })
        .unwrap_or_default();
    Some(Warning {
        id: WarningId::PoorCalibration,
        severity: Severity::Medium,
        message: format!(
            "The scores are far from calibrated: on average a score is {} away from the observed rate of positives (expected calibration error).{example} Read them as a ranking, not as probabilities.",
            value2(cal.ece)
        ),
    })
}
