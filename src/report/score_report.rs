//! Reports on scores: everything a `y_true,score` file offers beyond the
//! confusion matrix at one threshold — ROC AUC, average precision, log loss,
//! Brier score, operating points, calibration, score histograms and curves.
//!
//! The numbers come from [`ScoreNumbers`] (sorted once, in
//! [`ScoreContext::new`]); a report at another threshold then costs a binary
//! search plus the metrics of four counts. The words and the assembly are in
//! `explain.rs`, `score_warnings.rs`, `operating_points.rs` and `assemble.rs`;
//! this file keeps what is computed once per file and the caches.

use crate::error::Error;
use crate::input::counts::ConfusionCounts;
use crate::metrics::bootstrap::normal::auc_interval_from_curve;
use crate::metrics::bootstrap::scores::ap_interval;
use crate::metrics::bootstrap::Resampling;
use crate::metrics::curve::ScoreCurve;
use crate::metrics::decimal_sort::ClassCounts;
use crate::metrics::id::MetricId;
use crate::metrics::operating_points::{operating_points, prevalence_in_use, OperatingGoals};
use crate::metrics::scores::ScoreNumbers;
use crate::report::assemble::{binary_report_with_scores, ExtraInterval, DELONG_METHOD};
use crate::report::contract::{BinaryLabels, Curves, OperatingPointEntry, Report, ScoreSummary};
use crate::report::display_curves::display_curves;
use crate::report::operating_points::describe_points;

pub use crate::metrics::scores::ThresholdChoice;

/// Curve points sent for drawing: enough for a smooth line on any screen.
pub const DISPLAY_POINTS: usize = 2000;

/// What is computed once per scores file and positive class.
pub struct ScoreContext {
    names: BinaryLabels,
    positive_guessed: bool,
    numbers: ScoreNumbers,
    /// Curves thinned for drawing, made on first request (the CLI never asks).
    display: std::cell::RefCell<Option<Curves>>,
    /// Operating points depend on the goals, not the threshold: keep the last.
    points: std::cell::RefCell<Option<(OperatingGoals, Vec<OperatingPointEntry>)>>,
    /// ROC AUC and AP intervals depend on the resampling, not the threshold.
    intervals: std::cell::RefCell<Option<(Resampling, Vec<ExtraInterval>)>>,
}

impl ScoreContext {
    /// Sorts the scores once and computes every threshold-free number.
    /// `is_positive[i]` says whether example i is of the positive class.
    /// Copies the scores to sort them; see [`ScoreContext::from_sorted`].
    pub fn new(
        names: BinaryLabels,
        positive_guessed: bool,
        is_positive: &[bool],
        scores: &[f64],
    ) -> Result<Self, Error> {
        let mut pos = Vec::new();
        let mut neg = Vec::new();
        for (&p, &s) in is_positive.iter().zip(scores) {
            if p {
                pos.push(s);
            } else {
                neg.push(s);
            }
        }
        crate::metrics::curve::sort_descending(&mut pos);
        crate::metrics::curve::sort_descending(&mut neg);
        Self::from_sorted(names, positive_guessed, &pos, &neg)
    }

    /// Like [`ScoreContext::new`], from the scores of positives and of
    /// negatives already sorted from highest to lowest: nothing is copied.
    pub fn from_sorted(
        names: BinaryLabels,
        positive_guessed: bool,
        pos: &[f64],
        neg: &[f64],
    ) -> Result<Self, Error> {
        let numbers = ScoreNumbers::from_sorted(pos, neg)?;
        Ok(Self::with_numbers(names, positive_guessed, numbers))
    }

    /// Like [`ScoreContext::from_sorted`], from a column counted by decimal
    /// step and class, with the rows of `positive_class` (0 or 1) as
    /// positives: the same numbers as for that column sorted, read from the
    /// counts ([`ScoreNumbers::from_class_counts`]).
    pub fn from_class_counts(
        names: BinaryLabels,
        positive_guessed: bool,
        counts: &ClassCounts,
        positive_class: usize,
    ) -> Result<Self, Error> {
        let numbers = ScoreNumbers::from_class_counts(counts, positive_class)?;
        Ok(Self::with_numbers(names, positive_guessed, numbers))
    }

    fn with_numbers(names: BinaryLabels, positive_guessed: bool, numbers: ScoreNumbers) -> Self {
        ScoreContext {
            names,
            positive_guessed,
            numbers,
            display: std::cell::RefCell::new(None),
            points: std::cell::RefCell::new(None),
            intervals: std::cell::RefCell::new(None),
        }
    }

    /// The curve (for benchmarks and tests).
    pub fn curve(&self) -> &ScoreCurve {
        &self.numbers.curve
    }

    /// Whether the positive class was guessed.
    pub fn positive_guessed(&self) -> bool {
        self.positive_guessed
    }

    /// The counts at a threshold: one binary search.
    pub fn counts(&self, choice: ThresholdChoice) -> Result<(f64, usize, ConfusionCounts), Error> {
        self.numbers.counts(choice)
    }

    /// The full report at a threshold. `full_curves` includes every curve
    /// point (the CLI's `--curves`); otherwise curves are thinned for drawing,
    /// and `with_curves: false` leaves them out (slider updates).
    pub fn report(
        &self,
        options: &crate::options::ReportOptions,
        goals: &OperatingGoals,
        choice: ThresholdChoice,
        curves: CurveDetail,
    ) -> Result<Report, Error> {
        self.report_resampled(options, goals, choice, curves, &Resampling::default())
    }

    /// [`ScoreContext::report`] with the bootstrap's resamples and seed.
    pub fn report_resampled(
        &self,
        options: &crate::options::ReportOptions,
        goals: &OperatingGoals,
        choice: ThresholdChoice,
        curves: CurveDetail,
        resampling: &Resampling,
    ) -> Result<Report, Error> {
        let (threshold, rank, counts) = self.counts(choice)?;
        let n = &self.numbers;
        let intervals = self.intervals_for(resampling);
        let mut report =
            binary_report_with_scores(&counts, options, &self.names, n, &intervals, resampling)?;
        let goals = OperatingGoals {
            beta: options.beta,
            ..*goals
        };
        report.operating_points = Some(self.points_for(&goals));
        report.curves = match curves {
            CurveDetail::None => None,
            CurveDetail::Display => Some(self.display_curves()),
            CurveDetail::Complete => Some(Curves {
                roc: n.curve.roc(false),
                pr: n.curve.pr(),
                complete: true,
            }),
        };
        report.score_summary = Some(ScoreSummary {
            threshold,
            rank,
            called_positive: counts.predicted_positive(),
            distinct_thresholds: n.curve.len(),
            min_score: n.min_score,
            max_score: n.max_score,
            probabilities: n.probabilities,
            calibration: n.calibration.clone(),
            histogram: n.histogram.clone(),
        });
        Ok(report)
    }

    /// The curves thinned to at most [`DISPLAY_POINTS`], made once.
    fn display_curves(&self) -> Curves {
        let curve = &self.numbers.curve;
        self.display
            .borrow_mut()
            .get_or_insert_with(|| display_curves(curve, DISPLAY_POINTS))
            .clone()
    }

    /// ROC AUC's DeLong interval and average precision's interval, from the
    /// curve; made once per resampling (moving the threshold costs nothing).
    fn intervals_for(&self, resampling: &Resampling) -> Vec<ExtraInterval> {
        let mut cache = self.intervals.borrow_mut();
        if let Some((r, intervals)) = cache.as_ref() {
            if r == resampling {
                return intervals.clone();
            }
        }
        let curve = &self.numbers.curve;
        let mut intervals = Vec::new();
        if let Ok(iv) = auc_interval_from_curve(curve) {
            intervals.push((
                MetricId::RocAuc,
                (iv.ci[0], iv.ci[1]),
                DELONG_METHOD.to_string(),
            ));
        }
        let (ap, method) = ap_interval(curve, resampling);
        if let Ok(iv) = ap {
            intervals.push((
                MetricId::AveragePrecision,
                (iv.ci[0], iv.ci[1]),
                method.text(resampling, false),
            ));
        }
        *cache = Some((*resampling, intervals.clone()));
        intervals
    }

    /// Operating points for these goals: one pass over the curve, then cached
    /// so that moving the threshold costs nothing here.
    fn points_for(&self, goals: &OperatingGoals) -> Vec<OperatingPointEntry> {
        let mut cache = self.points.borrow_mut();
        match cache.as_ref() {
            Some((cached, points)) if cached == goals => points.clone(),
            _ => {
                let curve = &self.numbers.curve;
                let points = describe_points(
                    &operating_points(curve, goals),
                    goals,
                    prevalence_in_use(curve, goals),
                );
                *cache = Some((*goals, points.clone()));
                points
            }
        }
    }
}

/// How much curve detail a report carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CurveDetail {
    /// No curves (threshold changes: the page already has them).
    None,
    /// Curves thinned to at most [`DISPLAY_POINTS`].
    Display,
    /// Every point.
    Complete,
}
