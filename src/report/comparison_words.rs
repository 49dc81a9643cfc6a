//! The words of a comparison: the verdict (better, worse or no detectable
//! difference, judged by the interval of the task's watched metric), what
//! the test set could detect, and the warnings.
//!
//! Rule: B is better (worse) when the 95% paired-bootstrap interval of
//! B − A on the watched metric (F1, precision or recall by task for binary
//! comparisons; macro F1 for multiclass) lies wholly on the better (worse)
//! side of zero. Without an interval, McNemar's mid-p below 0.05 decides,
//! in the direction of the discordant counts.

use crate::format::{count, p_is, signed3};
use crate::metrics::mcnemar::PairedTable;
use crate::metrics::power::{
    detectable_difference, examples_needed, DEFAULT_ALPHA as ALPHA, DEFAULT_POWER as POWER,
};
use crate::report::comparison_contract::*;
use crate::report::warnings::{Severity, Warning, WarningId};

/// How the power figures are computed.
pub const POWER_METHOD: &str = "McNemar's test, Connor (1987): n = [z(1−α/2)·√ψ + z(1−β)·√(ψ − δ²)]² / δ² with ψ the observed share of discordant rows, two-sided α = 0.05, 80% power";

/// Below this mid-p, McNemar's test calls the difference unlikely to be chance.
const SIGNIFICANT: f64 = 0.05;

/// A value to 3 decimals, or "undefined".
fn v3(x: Option<f64>) -> String {
    x.map_or("undefined".to_string(), |x| format!("{x:.3}"))
}

/// Points (hundredths) with one decimal: 0.0312 → "3.1".
fn points(x: f64) -> String {
    format!("{:.1}", x * 100.0)
}

/// What the test set could detect, from the paired table.
pub fn power_of(table: &PairedTable) -> PowerJson {
    let n = table.both_right() + table.a_only() + table.b_only() + table.both_wrong();
    let discordant = table.a_only() + table.b_only();
    let psi = if n == 0 {
        0.0
    } else {
        discordant as f64 / n as f64
    };
    let gain = detectable_difference(n as f64, psi, ALPHA, POWER);
    let needed = examples_needed(psi, 0.01, ALPHA, POWER);
    let undefined = match (&gain, &needed) {
        (Err(e), _) | (_, Err(e)) => Some(e.0.clone()),
        _ => None,
    };
    let mut power = PowerJson {
        method: POWER_METHOD,
        discordant_share: psi,
        detectable_gain: gain.ok(),
        examples_for_one_point: needed.ok().map(f64::ceil),
        undefined,
        sentence: None,
    };
    power.sentence = power_sentence(&power);
    power
}

/// The sentence on what the test set can detect.
fn power_sentence(power: &PowerJson) -> Option<String> {
    let gain = power.detectable_gain?;
    let needed = power.examples_for_one_point?;
    Some(format!(
        "With this test set you could only detect an accuracy change of about {} points; you would need about {} examples to detect 1 point (McNemar's test, α = 0.05, 80% power).",
        points(gain),
        count(needed as u64)
    ))
}

/// The McNemar sentence: mid-p and the discordant counts.
fn mcnemar_sentence(models: &[String; 2], m: &McNemarJson) -> String {
    let discordant = m.a_only + m.b_only;
    if discordant == 0 {
        return "McNemar: the two models are right and wrong on exactly the same examples, so their mistakes do not differ at all.".to_string();
    }
    let judged = if m.mid_p < SIGNIFICANT {
        "unlikely to be chance"
    } else {
        "a split like this happens by chance often enough that it proves nothing"
    };
    format!(
        "McNemar mid-p {} on {} vs {} discordant examples (only {} right vs only {} right): {judged}.",
        p_is(m.mid_p),
        count(m.a_only),
        count(m.b_only),
        models[0],
        models[1]
    )
}

/// The DeLong sentence.
fn delong_sentence(d: &DelongJson) -> String {
    format!(
        "ROC AUC {:.3} → {:.3} ({}, 95% CI {} to {}), DeLong p {}.",
        d.auc_a,
        d.auc_b,
        signed3(d.difference),
        signed3(d.ci[0]),
        signed3(d.ci[1]),
        p_is(d.p)
    )
}

/// Better, worse or no detectable difference, with the evidence.
pub fn comparison_verdict(
    models: &[String; 2],
    watched: Option<&Difference>,
    mcnemar: &McNemarJson,
    delong: Option<&DelongJson>,
    power: &PowerJson,
) -> ComparisonVerdict {
    let metric = watched.map_or("accuracy", |d| d.id);
    let status = match watched.map(|d| d.outcome) {
        Some(Outcome::Better) => ComparisonStatus::Better,
        Some(Outcome::Worse) => ComparisonStatus::Worse,
        Some(Outcome::NoDetectableDifference) => ComparisonStatus::NoDetectableDifference,
        Some(Outcome::Undefined) | None => {
            if mcnemar.mid_p < SIGNIFICANT && mcnemar.b_only > mcnemar.a_only {
                ComparisonStatus::Better
            } else if mcnemar.mid_p < SIGNIFICANT {
                ComparisonStatus::Worse
            } else {
                ComparisonStatus::NoDetectableDifference
            }
        }
    };
    let change = watched.map(|d| {
        let ci =
            d.ci.map(|[lo, hi]| format!(", 95% CI {} to {}", signed3(lo), signed3(hi)))
                .unwrap_or_default();
        format!(
            "{} {} → {} ({}{ci})",
            d.name,
            v3(d.a),
            v3(d.b),
            d.delta.map_or("undefined".into(), signed3)
        )
    });
    let change = change.unwrap_or_else(|| "accuracy".to_string());
    let headline = match status {
        ComparisonStatus::Better => {
            format!("{} is better than {}: {change}.", models[1], models[0])
        }
        ComparisonStatus::Worse => format!("{} is worse than {}: {change}.", models[1], models[0]),
        ComparisonStatus::NoDetectableDifference => {
            let size = watched
                .and_then(|d| d.delta.zip(d.ci))
                .map(|(delta, [lo, hi])| {
                    format!(
                        "{} points, 95% CI {} to {}",
                        signed_points(delta),
                        signed_points(lo),
                        signed_points(hi)
                    )
                })
                .unwrap_or(change);
            format!(
                "No detectable difference between {} and {}: {size}.",
                models[0], models[1]
            )
        }
    };
    let mut reasons = vec![mcnemar_sentence(models, mcnemar)];
    if let Some(d) = delong {
        reasons.push(delong_sentence(d));
    }
    if status == ComparisonStatus::NoDetectableDifference {
        reasons.extend(power.sentence.clone());
    }
    ComparisonVerdict {
        status,
        metric,
        headline,
        reasons,
    }
}

/// Points with a sign: 0.006 → "+0.6", −0.019 → "−1.9".
fn signed_points(x: f64) -> String {
    let s = points(x.abs());
    if x < 0.0 && s != "0.0" {
        format!("−{s}")
    } else {
        format!("+{s}")
    }
}

/// The comparison's warnings, most severe first.
pub fn comparison_warnings(
    models: &[String; 2],
    verdict: &ComparisonVerdict,
    watched: Option<&Difference>,
    power: &PowerJson,
    source: &ComparisonSource,
    threshold: f64,
) -> Vec<Warning> {
    let mut out = Vec::new();
    let name = watched.map_or("accuracy", |d| d.name);
    match verdict.status {
        ComparisonStatus::Worse => out.push(Warning {
            id: WarningId::WorseAfter,
            severity: Severity::High,
            message: format!(
                "{} is significantly worse than {} on {name}: the 95% interval of the change lies below zero. Keep {} unless {} gains on something this comparison does not measure.",
                models[1], models[0], models[0], models[1]
            ),
        }),
        ComparisonStatus::NoDetectableDifference => out.push(Warning {
            id: WarningId::NoDetectableDifference,
            severity: Severity::Medium,
            message: format!(
                "The change in {name} could be noise: its 95% interval includes zero. {}",
                power
                    .sentence
                    .clone()
                    .unwrap_or_else(|| "A larger test set would tell.".to_string())
            ),
        }),
        ComparisonStatus::Better => {}
    }
    let thresholded: Vec<&ModelSource> = [&source.a, &source.b]
        .into_iter()
        .filter(|m| m.thresholded)
        .collect();
    if !thresholded.is_empty() {
        let names: Vec<String> = thresholded
            .iter()
            .map(|m| format!("\"{}\"", m.column))
            .collect();
        out.push(Warning {
            id: WarningId::ThresholdedScores,
            severity: Severity::Low,
            message: format!(
                "{} {} scores; for McNemar's test, the flips and the label metrics they were turned into labels at the threshold {} (score ≥ threshold predicts the positive class).{}",
                names.join(" and "),
                if names.len() == 1 { "gives" } else { "give" },
                crate::format::threshold(threshold),
                if names.len() == 1 {
                    " ROC AUC and DeLong's test need scores from both models."
                } else {
                    ""
                }
            ),
        });
    }
    crate::report::warnings::sort_by_severity(&mut out);
    out
}
