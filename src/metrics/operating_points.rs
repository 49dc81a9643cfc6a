//! Operating points: thresholds worth jumping to, each with the reason in a
//! sentence. All are found in one pass over the curve's distinct thresholds.

use crate::format::{count, percent, value2, value4};
use crate::metrics::curve::ScoreCurve;
use serde::Serialize;

/// What the user tells fitcheck about costs and targets.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct OperatingGoals {
    /// F-beta weight for the best F-beta point.
    pub beta: f64,
    /// Cost of one false positive.
    pub cost_fp: f64,
    /// Cost of one false negative.
    pub cost_fn: f64,
    /// Prevalence expected in use; `None` means the file's own.
    pub prevalence: Option<f64>,
    /// Recall the model must reach (for the best precision at that recall).
    pub target_recall: f64,
    /// Precision the model must keep (for the best recall at that precision).
    pub target_precision: f64,
}

impl Default for OperatingGoals {
    fn default() -> Self {
        OperatingGoals {
            beta: 1.0,
            cost_fp: 1.0,
            cost_fn: 1.0,
            prevalence: None,
            target_recall: 0.9,
            target_precision: 0.9,
        }
    }
}

impl OperatingGoals {
    /// Checks costs are non-negative and finite, and rates lie in [0, 1].
    pub fn validate(&self) -> Result<(), crate::Error> {
        let bad = |option: &'static str, problem: String| {
            Err(crate::Error::new(crate::ErrorKind::InvalidOption {
                option,
                problem,
            }))
        };
        for (option, v) in [("cost_fp", self.cost_fp), ("cost_fn", self.cost_fn)] {
            if !(v.is_finite() && v >= 0.0) {
                return bad(
                    option,
                    format!(
                        "{} is not allowed: a cost must be a number of at least 0",
                        crate::format::plain(v)
                    ),
                );
            }
        }
        for (option, v) in [
            ("prevalence", self.prevalence.unwrap_or(0.5)),
            ("target_recall", self.target_recall),
            ("target_precision", self.target_precision),
        ] {
            if !(0.0..=1.0).contains(&v) {
                return bad(
                    option,
                    format!(
                        "{} is not allowed: it must lie between 0 and 1",
                        crate::format::plain(v)
                    ),
                );
            }
        }
        Ok(())
    }
}

/// One suggested threshold.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OperatingPoint {
    /// Stable id: `best_f1`, `best_fbeta`, `youden`, `min_cost`,
    /// `precision_at_recall`, `recall_at_precision`.
    pub id: &'static str,
    /// Short name for a button.
    pub name: String,
    /// The threshold (scores at or above it are positive).
    pub threshold: f64,
    /// Its slider rank (0 = lowest distinct score).
    pub rank: usize,
    /// True positives there.
    pub tp: u64,
    /// False positives there.
    pub fp: u64,
    /// False negatives there (`fn` in JSON, as in the report's `counts`).
    #[serde(rename = "fn")]
    pub fn_: u64,
    /// True negatives there.
    pub tn: u64,
    /// Precision there.
    pub precision: f64,
    /// Recall there.
    pub recall: f64,
    /// What the point optimises, as a sentence with its numbers.
    pub sentence: String,
}

struct Candidate {
    index: usize,
    score: f64,
}

/// Finds every operating point that exists for this curve and these goals.
pub fn operating_points(curve: &ScoreCurve, goals: &OperatingGoals) -> Vec<OperatingPoint> {
    let (p, n) = (curve.positives, curve.negatives);
    if p == 0 || n == 0 || curve.is_empty() {
        return Vec::new();
    }
    let (pf, nf) = (p as f64, n as f64);
    let prevalence = goals.prevalence.unwrap_or(pf / (pf + nf));
    let beta2 = goals.beta * goals.beta;
    let mut best: [Option<Candidate>; 6] = Default::default();
    let mut consider = |slot: usize, index: usize, score: f64| {
        // Strictly better only: on a tie the higher threshold (seen first)
        // stays. "Tie" allows for rounding: 5/6 − 4/6 and 1/6 differ in the
        // last bit, so a gain must exceed 1e-12 relative to count.
        let better = |b: &Candidate| score - b.score > 1e-12 * b.score.abs().max(f64::MIN_POSITIVE);
        if score.is_finite() && best[slot].as_ref().is_none_or(better) {
            best[slot] = Some(Candidate { index, score });
        }
    };
    for i in 0..curve.len() {
        let (tp, fp) = (curve.tps[i] as f64, curve.fps[i] as f64);
        let fn_ = pf - tp;
        let precision = tp / (tp + fp);
        let recall = tp / pf;
        let fpr = fp / nf;
        consider(0, i, 2.0 * tp / (2.0 * tp + fp + fn_));
        consider(
            1,
            i,
            (1.0 + beta2) * tp / ((1.0 + beta2) * tp + beta2 * fn_ + fp),
        );
        consider(2, i, recall - fpr);
        let cost =
            goals.cost_fn * prevalence * (1.0 - recall) + goals.cost_fp * (1.0 - prevalence) * fpr;
        consider(3, i, -cost);
        if recall >= goals.target_recall {
            consider(4, i, precision);
        }
        if precision >= goals.target_precision {
            consider(5, i, recall);
        }
    }
    let mut out = Vec::new();
    for (slot, found) in best.iter().enumerate() {
        let Some(c) = found else { continue };
        // With β = 1 the best F-beta point is the best F1 point: list it once.
        if slot == 1 && goals.beta == 1.0 {
            continue;
        }
        let i = c.index;
        let (tp, fp) = (curve.tps[i], curve.fps[i]);
        let precision = tp as f64 / (tp + fp) as f64;
        let recall = tp as f64 / pf;
        let t = curve.thresholds[i];
        let (id, name, sentence) = match slot {
            0 => ("best_f1", "Best F1".to_string(), format!(
                "Threshold {} gives the highest F1, {}: precision {} and recall {} balance best here.",
                short(t), value4(Some(c.score)), value4(Some(precision)), value4(Some(recall)))),
            1 => ("best_fbeta", format!("Best F{}", crate::format::plain(goals.beta)), format!(
                "Threshold {} gives the highest F-beta with β = {}, {}: recall weighs {} times precision.",
                short(t), crate::format::plain(goals.beta), value4(Some(c.score)), crate::format::plain(goals.beta))),
            2 => ("youden", "Youden's J".to_string(), format!(
                "Threshold {} maximises Youden's J = recall − false positive rate = {}: the point of the ROC curve farthest above the diagonal.",
                short(t), value4(Some(c.score)))),
            3 => ("min_cost", "Lowest cost".to_string(), format!(
                "Threshold {} has the lowest expected cost, {} per example, with a false positive costing {} and a miss {} at prevalence {}.",
                short(t), value4(Some(-c.score)), crate::format::plain(goals.cost_fp), crate::format::plain(goals.cost_fn), percent(prevalence))),
            4 => ("precision_at_recall", format!("Best precision at recall ≥ {}", value2(goals.target_recall)), format!(
                "Threshold {} keeps recall at {} (target {}) with the highest precision possible there, {}: {} false alarms.",
                short(t), value4(Some(recall)), value2(goals.target_recall), value4(Some(precision)), count(fp))),
            _ => ("recall_at_precision", format!("Best recall at precision ≥ {}", value2(goals.target_precision)), format!(
                "Threshold {} keeps precision at {} (target {}) and finds the most positives possible there, recall {}: {} missed.",
                short(t), value4(Some(precision)), value2(goals.target_precision), value4(Some(recall)), count(p - tp))),
        };
        out.push(OperatingPoint {
            id,
            name,
            threshold: t,
            rank: curve.len() - 1 - i,
            tp,
            fp,
            fn_: p - tp,
            tn: n - fp,
            precision,
            recall,
            sentence,
        });
    }
    out
}

/// A threshold written compactly but exactly enough to find again.
pub fn short(t: f64) -> String {
    let s = format!("{t:.6}");
    let trimmed = s.trim_end_matches('0').trim_end_matches('.');
    if trimmed.parse::<f64>().ok() == Some(t) {
        trimmed.to_string()
    } else {
        format!("{t}")
    }
}
