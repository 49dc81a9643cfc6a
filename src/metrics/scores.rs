//! Numbers of a scores file that do not depend on the threshold: the sorted
//! curve, ROC AUC, average precision, log loss, Brier score, calibration,
//! histograms and the score range; and the counts at any threshold.
//!
//! The expensive part (sorting the scores into a [`ScoreCurve`]) happens
//! once; the counts at another threshold then cost a binary search.

use crate::error::{Error, ErrorKind};
use crate::input::counts::ConfusionCounts;
use crate::metrics::calibration::{
    summaries_of_counts, summaries_of_sorted, Calibration, Histogram, ScoreSummaries,
};
use crate::metrics::curve::ScoreCurve;
use crate::metrics::decimal_sort::ClassCounts;
use crate::metrics::id::{Metric, MetricId};

/// Which threshold a report is for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ThresholdChoice {
    /// A score value.
    Value(f64),
    /// A slider rank among the distinct scores (0 = lowest).
    Rank(usize),
}

/// The threshold-free numbers of one scores file and positive class.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreNumbers {
    /// The curve: distinct thresholds with cumulative counts.
    pub curve: ScoreCurve,
    /// The score metrics ([`MetricId::SCORE`]), in report order.
    pub metrics: Vec<Metric>,
    /// Reliability diagram, when scores are probabilities.
    pub calibration: Option<Calibration>,
    /// Score histograms of positives and negatives.
    pub histogram: Option<Histogram>,
    /// Lowest score.
    pub min_score: f64,
    /// Highest score.
    pub max_score: f64,
    /// Whether every score lies in [0, 1].
    pub probabilities: bool,
}

impl ScoreNumbers {
    /// From the scores of positives and of negatives, each sorted from
    /// highest to lowest: nothing is copied. An error if there are none.
    pub fn from_sorted(pos: &[f64], neg: &[f64]) -> Result<Self, Error> {
        if pos.is_empty() && neg.is_empty() {
            return Err(Error::file("there are no scores"));
        }
        // Log loss, Brier, calibration and histograms in one pass; natively
        // beside the curve, on another core (each one pass over every
        // score, 45-60 ms on 10M). 10M scores, file to report, alternated
        // at load 2: 0.38 s one after the other, 0.33 s side by side
        // (medians of 15); wasm has one thread.
        #[cfg(not(target_arch = "wasm32"))]
        let (summaries, curve) = rayon::join(
            || summaries_of_sorted(pos, neg),
            || ScoreCurve::from_sorted(pos, neg),
        );
        #[cfg(target_arch = "wasm32")]
        let (summaries, curve) = (
            summaries_of_sorted(pos, neg),
            ScoreCurve::from_sorted(pos, neg),
        );
        Ok(Self::assemble(summaries, curve))
    }

    /// From a column counted by decimal step and class, with the rows of
    /// `positive_class` (0 or 1) as positives: the numbers
    /// [`ScoreNumbers::from_sorted`] gives for that column sorted, to the
    /// bit, read from the counts (a million steps for six decimals) instead
    /// of the rows (see [`ScoreCurve::from_class_counts`] and
    /// [`summaries_of_counts`]). An error if there are no rows.
    pub fn from_class_counts(counts: &ClassCounts, positive_class: usize) -> Result<Self, Error> {
        if counts.rows() == 0 {
            return Err(Error::file("there are no scores"));
        }
        // Side by side natively, as in `from_sorted`.
        #[cfg(not(target_arch = "wasm32"))]
        let (summaries, curve) = rayon::join(
            || summaries_of_counts(counts, positive_class),
            || ScoreCurve::from_class_counts(counts, positive_class),
        );
        #[cfg(target_arch = "wasm32")]
        let (summaries, curve) = (
            summaries_of_counts(counts, positive_class),
            ScoreCurve::from_class_counts(counts, positive_class),
        );
        Ok(Self::assemble(summaries, curve))
    }

    /// The metrics and the rest, from the curve and the summaries.
    fn assemble(summaries: ScoreSummaries, curve: ScoreCurve) -> Self {
        let metrics = vec![
            Metric {
                id: MetricId::RocAuc,
                value: curve.roc_auc(),
            },
            Metric {
                id: MetricId::AveragePrecision,
                value: curve.average_precision(),
            },
            Metric {
                id: MetricId::LogLoss,
                value: summaries.log_loss,
            },
            Metric {
                id: MetricId::BrierScore,
                value: summaries.brier_score,
            },
        ];
        // There are scores, so there is a diagram exactly when every score
        // is a probability.
        let calibration = summaries.calibration;
        ScoreNumbers {
            min_score: *curve.thresholds.last().unwrap_or(&0.0),
            max_score: *curve.thresholds.first().unwrap_or(&0.0),
            probabilities: calibration.is_some(),
            calibration,
            histogram: summaries.histogram,
            curve,
            metrics,
        }
    }

    /// The threshold, its slider rank and the counts there: one binary search.
    pub fn counts(&self, choice: ThresholdChoice) -> Result<(f64, usize, ConfusionCounts), Error> {
        let c = &self.curve;
        let threshold = match choice {
            ThresholdChoice::Value(t) if t.is_finite() => t,
            ThresholdChoice::Value(_) => {
                return Err(Error::new(ErrorKind::InvalidOption {
                    option: "threshold",
                    problem: "must be a finite number".into(),
                }))
            }
            ThresholdChoice::Rank(r) => c
                .threshold_of_rank(r.min(c.len().saturating_sub(1)))
                .unwrap_or(0.0),
        };
        let (tp, fp) = c.counts_at(threshold);
        let counts = ConfusionCounts::new(tp, c.positives - tp, fp, c.negatives - fp)?;
        Ok((threshold, c.rank_of(threshold), counts))
    }
}
