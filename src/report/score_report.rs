//! Reports on scores: everything a `y_true,score` file offers beyond the
//! confusion matrix at one threshold — ROC AUC, average precision, log loss,
//! Brier score, operating points, calibration, score histograms and curves.
//!
//! The expensive part (sorting the scores into a [`ScoreCurve`]) happens once
//! in [`ScoreContext::new`]; a report at another threshold then costs a
//! binary search plus the metrics of four counts.

use crate::error::{Error, ErrorKind};
use crate::format::{count, percent, value2, value4};
use crate::input::counts::ConfusionCounts;
use crate::metrics::calibration::{
    brier_score_of, calibration_of, histogram_of, log_loss_of, Calibration, Histogram, Labelled,
    POOR_CALIBRATION,
};
use crate::metrics::curve::{decimate, CurvePoints, ScoreCurve};
use crate::metrics::divide::MetricValue;
use crate::metrics::id::{Metric, MetricId};
use crate::metrics::operating_points::{operating_points, short, OperatingGoals};
use crate::report::contract::{binary_report_labeled, BinaryLabels, Report};
use crate::report::explain::Explanation;
use crate::report::warnings::{undefined_metrics, Severity, Warning};
use serde::Serialize;

/// Curve points sent for drawing: enough for a smooth line on any screen.
pub const DISPLAY_POINTS: usize = 2000;

/// ROC and PR curve points.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Curves {
    /// ROC: x = false positive rate, y = true positive rate; `null` with one class.
    pub roc: Option<CurvePoints>,
    /// PR: x = recall, y = precision; `null` without positives.
    pub pr: Option<CurvePoints>,
    /// Whether every point is included (`--curves`) or the curves were
    /// thinned to at most [`DISPLAY_POINTS`] for drawing.
    pub complete: bool,
}

/// The score side of a report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreSummary {
    /// The threshold in use: scores at or above it are positive.
    pub threshold: f64,
    /// Its slider rank: how many distinct scores lie below it.
    pub rank: usize,
    /// How many examples score at or above the threshold (called positive).
    pub called_positive: u64,
    /// How many distinct scores there are (slider positions).
    pub distinct_thresholds: usize,
    /// Lowest score.
    pub min_score: f64,
    /// Highest score.
    pub max_score: f64,
    /// Whether every score lies in [0, 1].
    pub probabilities: bool,
    /// Reliability diagram, when scores are probabilities.
    pub calibration: Option<Calibration>,
    /// Score histograms of positives and negatives.
    pub histogram: Option<Histogram>,
}

/// What is computed once per scores file and positive class.
pub struct ScoreContext {
    names: BinaryLabels,
    positive_guessed: bool,
    curve: ScoreCurve,
    metrics: Vec<Metric>,
    calibration: Option<Calibration>,
    histogram: Option<Histogram>,
    min_score: f64,
    max_score: f64,
    probabilities: bool,
    /// Curves thinned for drawing, made on first request (the CLI never asks).
    display: std::cell::RefCell<Option<Curves>>,
    /// Operating points depend on the goals, not the threshold: keep the last.
    points: std::cell::RefCell<
        Option<(
            OperatingGoals,
            Vec<crate::metrics::operating_points::OperatingPoint>,
        )>,
    >,
}

/// Which threshold a report is for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ThresholdChoice {
    /// A score value.
    Value(f64),
    /// A slider rank among the distinct scores (0 = lowest).
    Rank(usize),
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
        if pos.is_empty() && neg.is_empty() {
            return Err(Error::file("there are no scores"));
        }
        let data = Labelled::Split(pos, neg);
        let curve = ScoreCurve::from_sorted(pos, neg);
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
                value: log_loss_of(data),
            },
            Metric {
                id: MetricId::BrierScore,
                value: brier_score_of(data),
            },
        ];
        Ok(ScoreContext {
            names,
            positive_guessed,
            min_score: *curve.thresholds.last().unwrap_or(&0.0),
            max_score: *curve.thresholds.first().unwrap_or(&0.0),
            probabilities: calibration_of(data).is_some(),
            calibration: calibration_of(data),
            histogram: histogram_of(data),
            curve,
            metrics,
            display: std::cell::RefCell::new(None),
            points: std::cell::RefCell::new(None),
        })
    }

    /// The curve (for benchmarks and tests).
    pub fn curve(&self) -> &ScoreCurve {
        &self.curve
    }

    /// Whether the positive class was guessed.
    pub fn positive_guessed(&self) -> bool {
        self.positive_guessed
    }

    /// The counts at a threshold: one binary search.
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
        let (threshold, rank, counts) = self.counts(choice)?;
        let mut report = binary_report_labeled(&counts, options, &self.names)?;
        add_metrics(&mut report, &self.metrics, self.curve.len());
        let goals = OperatingGoals {
            beta: options.beta,
            ..*goals
        };
        report.operating_points = Some(self.points_for(&goals));
        report.curves = match curves {
            CurveDetail::None => None,
            CurveDetail::Display => Some(self.display_curves()),
            CurveDetail::Complete => Some(Curves {
                roc: self.curve.roc(false),
                pr: self.curve.pr(),
                complete: true,
            }),
        };
        report.score_summary = Some(ScoreSummary {
            threshold,
            rank,
            called_positive: counts.predicted_positive(),
            distinct_thresholds: self.curve.len(),
            min_score: self.min_score,
            max_score: self.max_score,
            probabilities: self.probabilities,
            calibration: self.calibration.clone(),
            histogram: self.histogram.clone(),
        });
        report.warnings.extend(self.score_warnings());
        report
            .warnings
            .sort_by_key(|w| std::cmp::Reverse(w.severity));
        Ok(report)
    }

    /// The curves thinned to at most [`DISPLAY_POINTS`], made once.
    fn display_curves(&self) -> Curves {
        self.display
            .borrow_mut()
            .get_or_insert_with(|| Curves {
                roc: self.curve.roc(true).map(|c| decimate(&c, DISPLAY_POINTS)),
                pr: self.curve.pr().map(|c| decimate(&c, DISPLAY_POINTS)),
                complete: false,
            })
            .clone()
    }

    /// Operating points for these goals: one pass over the curve, then cached
    /// so that moving the threshold costs nothing here.
    fn points_for(
        &self,
        goals: &OperatingGoals,
    ) -> Vec<crate::metrics::operating_points::OperatingPoint> {
        let mut cache = self.points.borrow_mut();
        match cache.as_ref() {
            Some((cached, points)) if cached == goals => points.clone(),
            _ => {
                let points = operating_points(&self.curve, goals);
                *cache = Some((*goals, points.clone()));
                points
            }
        }
    }

    fn score_warnings(&self) -> Vec<Warning> {
        let mut out = Vec::new();
        if !self.probabilities {
            out.push(Warning {
                id: "not_probabilities",
                severity: Severity::Medium,
                message: format!(
                    "Scores run from {} to {}, so they are not probabilities: log loss, Brier score and calibration are undefined. ROC, precision–recall and thresholds still work.",
                    short(self.min_score),
                    short(self.max_score)
                ),
            });
        } else if let Some(cal) = self
            .calibration
            .as_ref()
            .filter(|c| c.ece > POOR_CALIBRATION)
        {
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
            out.push(Warning {
                id: "poor_calibration",
                severity: Severity::Medium,
                message: format!(
                    "The scores are far from calibrated: on average a score is {} away from the observed rate of positives (expected calibration error).{example} Read them as a ranking, not as probabilities.",
                    value2(cal.ece)
                ),
            });
        }
        out
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

/// Adds score metrics to a report and rebuilds its `undefined_metric` warning.
fn add_metrics(report: &mut Report, metrics: &[Metric], distinct: usize) {
    for m in metrics {
        report
            .metrics
            .0
            .push((m.id.to_string(), m.value.clone().ok()));
        if let Err(why) = &m.value {
            report.undefined.0.push((m.id.to_string(), why.0.clone()));
        }
        report
            .explanations
            .0
            .extend(explain_score(m.id, &m.value, distinct).map(|e| (m.id.to_string(), e)));
    }
    let all: Vec<Metric> = report
        .metrics
        .0
        .iter()
        .filter_map(|(id, v)| {
            Some(Metric {
                id: MetricId::from_id(id)?,
                value: v.ok_or_else(|| {
                    crate::metrics::divide::Undefined(
                        report.undefined.get(id).cloned().unwrap_or_default(),
                    )
                }),
            })
        })
        .collect();
    report.warnings.retain(|w| w.id != "undefined_metric");
    report.warnings.extend(undefined_metrics(&all));
}

fn explain_score(id: MetricId, value: &MetricValue, distinct: usize) -> Option<Explanation> {
    use MetricId::*;
    let v = value4(value.as_ref().ok().copied());
    let pct = value.as_ref().map(|x| percent(*x)).unwrap_or_default();
    let (formula, meaning, when) = match id {
        RocAuc => (
            format!("ROC AUC = area under (FPR, TPR) by trapezoids over {} distinct thresholds = {v}", count(distinct as u64)),
            format!("A random positive gets a higher score than a random negative {pct} of the time (ties count half); 0.5 is guessing."),
            "Judges the ranking itself, at every threshold at once, and does not change with class balance.",
        ),
        AveragePrecision => (
            format!("AP = Σ (Rₖ − Rₖ₋₁)·Pₖ over thresholds (step-wise, not a trapezoid) = {v}"),
            "The precision you get on average as the threshold sweeps recall from 0 to 1; guessing scores the share of positives.".to_string(),
            "Prefer it to ROC AUC when positives are rare: it shows how many false alarms each find costs.",
        ),
        LogLoss => (
            format!("log loss = −mean(y·ln p + (1 − y)·ln(1 − p)) = {v}"),
            "How surprised the scores are by the truth, punishing confident mistakes hardest; always answering 0.5 scores 0.6931.".to_string(),
            "Watch it when the scores are used as probabilities (risk estimates, expected values).",
        ),
        BrierScore => (
            format!("Brier = mean((y − p)²) = {v}"),
            "The mean squared error of the scores as probabilities: 0 is perfect, always answering 0.5 scores 0.25.".to_string(),
            "A gentler check of probability quality than log loss; it combines calibration and sharpness.",
        ),
        Accuracy | ErrorRate | Precision | Recall | F1 | Fbeta | Specificity | Npv | Fpr | Fnr
        | Fdr | FalseOmissionRate | BalancedAccuracy | Mcc | CohenKappa | Prevalence
        | Informedness | Markedness | LrPlus | LrMinus | Dor | Jaccard | FowlkesMallows | GMean
        | NoInformationRate => return None,
    };
    Some(Explanation::assemble(
        id, value, formula, meaning, when, false,
    ))
}
