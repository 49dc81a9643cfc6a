//! Operating points: thresholds worth jumping to, found in one pass over the
//! curve's distinct thresholds. Numbers only; `report/operating_points.rs`
//! names each point and gives the reason in a sentence.

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
            beta: crate::options::DEFAULT_BETA,
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

/// What an operating point optimises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OperatingPointId {
    /// The highest F1.
    BestF1,
    /// The highest F-beta for the goals' β (left out when β = 1).
    BestFbeta,
    /// The highest Youden's J = recall − false positive rate.
    Youden,
    /// The lowest expected cost per example.
    MinCost,
    /// The highest precision with recall at or above the target.
    PrecisionAtRecall,
    /// The highest recall with precision at or above the target.
    RecallAtPrecision,
}

impl OperatingPointId {
    /// Every point, in report order.
    pub const ALL: [OperatingPointId; 6] = [
        OperatingPointId::BestF1,
        OperatingPointId::BestFbeta,
        OperatingPointId::Youden,
        OperatingPointId::MinCost,
        OperatingPointId::PrecisionAtRecall,
        OperatingPointId::RecallAtPrecision,
    ];

    /// The stable JSON id: `best_f1`, `best_fbeta`, `youden`, `min_cost`,
    /// `precision_at_recall`, `recall_at_precision`.
    pub fn id(self) -> &'static str {
        match self {
            OperatingPointId::BestF1 => "best_f1",
            OperatingPointId::BestFbeta => "best_fbeta",
            OperatingPointId::Youden => "youden",
            OperatingPointId::MinCost => "min_cost",
            OperatingPointId::PrecisionAtRecall => "precision_at_recall",
            OperatingPointId::RecallAtPrecision => "recall_at_precision",
        }
    }
}

impl PartialEq<&str> for OperatingPointId {
    /// Compares with a JSON id (`point.id == "youden"`).
    fn eq(&self, other: &&str) -> bool {
        self.id() == *other
    }
}

/// One suggested threshold, as numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct OperatingPoint {
    /// What the point optimises.
    pub id: OperatingPointId,
    /// The threshold (scores at or above it are positive).
    pub threshold: f64,
    /// Its slider rank (0 = lowest distinct score).
    pub rank: usize,
    /// True positives there.
    pub tp: u64,
    /// False positives there.
    pub fp: u64,
    /// False negatives there.
    pub fn_: u64,
    /// True negatives there.
    pub tn: u64,
    /// Precision there.
    pub precision: f64,
    /// Recall there.
    pub recall: f64,
    /// The value optimised: F1, F-beta, Youden's J, the expected cost per
    /// example (lowest wins), precision or recall.
    pub value: f64,
}

/// The prevalence the expected cost assumes: the goals' own, or the curve's.
pub fn prevalence_in_use(curve: &ScoreCurve, goals: &OperatingGoals) -> f64 {
    let (pf, nf) = (curve.positives as f64, curve.negatives as f64);
    goals.prevalence.unwrap_or(pf / (pf + nf))
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
    let prevalence = prevalence_in_use(curve, goals);
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
    for (id, found) in OperatingPointId::ALL.into_iter().zip(&best) {
        let Some(c) = found else { continue };
        // With β = 1 the best F-beta point is the best F1 point: list it once.
        if id == OperatingPointId::BestFbeta && goals.beta == 1.0 {
            continue;
        }
        let i = c.index;
        let (tp, fp) = (curve.tps[i], curve.fps[i]);
        out.push(OperatingPoint {
            id,
            threshold: curve.thresholds[i],
            rank: curve.len() - 1 - i,
            tp,
            fp,
            fn_: p - tp,
            tn: n - fp,
            precision: tp as f64 / (tp + fp) as f64,
            recall: tp as f64 / pf,
            // The cost was maximised as its negative.
            value: if id == OperatingPointId::MinCost {
                -c.score
            } else {
                c.score
            },
        });
    }
    out
}
