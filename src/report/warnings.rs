//! The traps a number alone does not show, each as a warning with an id,
//! a severity and a sentence: the accuracy paradox, low recall or precision
//! for the task, a degenerate model, undefined metrics, and samples too
//! small to conclude anything.

use crate::format::{count, counted, percent, value2, value4};
use crate::input::counts::ConfusionCounts;
use crate::metrics::id::{Metric, MetricId};
use crate::metrics::numbers::ReportNumbers;
use crate::options::{ReportOptions, Task};
use serde::Serialize;

/// How much a warning should change what the user does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing.
    Low,
    /// Changes how to read the numbers.
    Medium,
    /// Changes the conclusion.
    High,
}

/// The id of a warning. Serialized as its snake_case [`WarningId::id`],
/// which never changes; every lookup of a warning goes through this enum, so
/// a misspelt id does not compile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WarningId {
    /// `accuracy_paradox`: Accuracy looks good only because one class dominates.
    AccuracyParadox,
    /// `low_recall`: Recall (macro recall for multiclass) is below its bar.
    LowRecall,
    /// `low_precision`: Precision (macro precision for multiclass) is below its bar.
    LowPrecision,
    /// `degenerate`: The model predicts one class for every example.
    Degenerate,
    /// `never_predicted`: Some classes are never predicted (multiclass).
    NeverPredicted,
    /// `weak_class`: Some classes fall below the F1 bar (multiclass).
    WeakClass,
    /// `undefined_metric`: Some metrics are 0/0 and shown as undefined.
    UndefinedMetric,
    /// `small_sample`: Too few examples for the intervals to allow a conclusion.
    SmallSample,
    /// `not_probabilities`: Scores lie outside [0, 1], so they are not probabilities.
    NotProbabilities,
    /// `poor_calibration`: Scores read as probabilities are far from the observed rates.
    PoorCalibration,
    /// `positive_label_guess`: The positive label was guessed; the user should confirm it.
    PositiveLabelGuess,
    /// `skipped_rows`: Bad rows of the file were skipped.
    SkippedRows,
    /// `threshold_ignored`: A threshold was given for a file of predicted labels.
    ThresholdIgnored,
    /// `positive_ignored`: A positive class was given for a multiclass file.
    PositiveIgnored,
    /// `single_class`: The file holds one class only; per-class rows cover the labels present.
    SingleClass,
    /// `repeated_header`: The header row appears again inside the file and was skipped.
    RepeatedHeader,
    /// `similar_labels`: Some labels differ only by case or spacing.
    SimilarLabels,
    /// `no_detectable_difference`: A comparison's change could be noise.
    NoDetectableDifference,
    /// `worse_after`: Model B is significantly worse than model A on the task's metric.
    WorseAfter,
    /// `thresholded_scores`: Scores were turned into labels at the threshold to compare labels.
    ThresholdedScores,
    /// `overfitting`: Training: validation loss rose after its minimum while training loss fell.
    Overfitting,
    /// `loss_not_improving`: Training: the monitored series is flat over the last third.
    LossNotImproving,
    /// `non_finite_loss`: Training: a loss became NaN or infinite.
    NonFiniteLoss,
    /// `loss_spike`: Training: training-loss points far above the smoothed loss.
    LossSpike,
    /// `diverging`: Training: a sustained rise of the training loss.
    Diverging,
    /// `no_validation`: Training: only training loss is logged.
    NoValidation,
    /// `best_checkpoint_disagrees`: Training: the Hugging Face file's best checkpoint is not the computed best.
    BestCheckpointDisagrees,
    /// `train_test_overlap`: Leakage: test rows are copies of training rows.
    TrainTestOverlap,
    /// `conflicting_labels`: Leakage: test rows' features appear in training with another label.
    ConflictingLabels,
}

impl WarningId {
    /// The stable snake_case id used in JSON.
    pub const fn id(self) -> &'static str {
        match self {
            WarningId::AccuracyParadox => "accuracy_paradox",
            WarningId::LowRecall => "low_recall",
            WarningId::LowPrecision => "low_precision",
            WarningId::Degenerate => "degenerate",
            WarningId::NeverPredicted => "never_predicted",
            WarningId::WeakClass => "weak_class",
            WarningId::UndefinedMetric => "undefined_metric",
            WarningId::SmallSample => "small_sample",
            WarningId::NotProbabilities => "not_probabilities",
            WarningId::PoorCalibration => "poor_calibration",
            WarningId::PositiveLabelGuess => "positive_label_guess",
            WarningId::SkippedRows => "skipped_rows",
            WarningId::ThresholdIgnored => "threshold_ignored",
            WarningId::PositiveIgnored => "positive_ignored",
            WarningId::SingleClass => "single_class",
            WarningId::RepeatedHeader => "repeated_header",
            WarningId::SimilarLabels => "similar_labels",
            WarningId::NoDetectableDifference => "no_detectable_difference",
            WarningId::WorseAfter => "worse_after",
            WarningId::ThresholdedScores => "thresholded_scores",
            WarningId::Overfitting => "overfitting",
            WarningId::LossNotImproving => "loss_not_improving",
            WarningId::NonFiniteLoss => "non_finite_loss",
            WarningId::LossSpike => "loss_spike",
            WarningId::Diverging => "diverging",
            WarningId::NoValidation => "no_validation",
            WarningId::BestCheckpointDisagrees => "best_checkpoint_disagrees",
            WarningId::TrainTestOverlap => "train_test_overlap",
            WarningId::ConflictingLabels => "conflicting_labels",
        }
    }
}

impl std::fmt::Display for WarningId {
    /// Writes the JSON id.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

impl PartialEq<&str> for WarningId {
    /// Compares with a JSON id (`warning.id == "degenerate"`).
    fn eq(&self, other: &&str) -> bool {
        self.id() == *other
    }
}

impl Serialize for WarningId {
    /// Serializes as the JSON id.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

/// One warning.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Warning {
    /// Stable snake_case id (`accuracy_paradox`, `low_recall`, ...).
    pub id: WarningId,
    /// How serious it is.
    pub severity: Severity,
    /// One or two sentences for people.
    pub message: String,
}

/// Widest 95% interval (on accuracy, precision or recall) that still allows a conclusion.
pub const MAX_CONCLUSIVE_WIDTH: f64 = 0.2;

/// Everything the binary warnings look at.
pub struct BinaryEvidence<'a> {
    /// The counts.
    pub counts: &'a ConfusionCounts,
    /// Every computed metric, interval and the accuracy test.
    pub numbers: &'a ReportNumbers,
    /// The user's task and bars.
    pub options: &'a ReportOptions,
}

impl BinaryEvidence<'_> {
    /// A metric's value, `None` when undefined.
    pub fn value(&self, id: MetricId) -> Option<f64> {
        self.numbers.value(id)
    }

    fn interval(&self, id: MetricId) -> Option<(f64, f64)> {
        self.numbers.interval(id)
    }
}

/// Every warning that applies, most severe first.
pub fn binary_warnings(e: &BinaryEvidence) -> Vec<Warning> {
    let mut out = Vec::new();
    out.extend(accuracy_paradox(e));
    out.extend(low_recall(e));
    out.extend(low_precision(e));
    out.extend(degenerate(e.counts));
    out.extend(undefined_metrics(&e.numbers.metrics));
    out.extend(small_sample(e));
    sort_by_severity(&mut out);
    out
}

/// Sorts warnings by severity, most severe first, keeping the order of
/// equal severities (the one sort of every report's warnings).
pub fn sort_by_severity(warnings: &mut [Warning]) {
    crate::metrics::short_sort::sort_short_by_key(warnings, |w| std::cmp::Reverse(w.severity));
}

/// Imbalance at or above this no-information rate makes accuracy suspect.
const IMBALANCED_NIR: f64 = 0.6;

fn accuracy_paradox(e: &BinaryEvidence) -> Option<Warning> {
    let accuracy = e.value(MetricId::Accuracy)?;
    let nir = e.value(MetricId::NoInformationRate)?;
    let p = e.numbers.accuracy_p_value;
    let p_text = p
        .map(p_value_text)
        .unwrap_or_else(|| "not available".into());
    let majority = if e.counts.actual_negative() >= e.counts.actual_positive() {
        "negative"
    } else {
        "positive"
    };
    let not_better = accuracy <= nir || p.is_some_and(|p| p >= 0.05);
    if nir >= IMBALANCED_NIR && not_better {
        return Some(Warning {
            id: WarningId::AccuracyParadox,
            severity: Severity::High,
            message: format!(
                "Accuracy {}{} always predicting \"{majority}\" would score {} (the no-information rate). \
                 The one-sided exact binomial test that accuracy beats that rate gives p = {p_text}: accuracy says nothing here. \
                 Judge the model by recall, precision and MCC instead.",
                value4(Some(accuracy)),
                if accuracy >= 0.8 { " looks high, but" } else { " is no better than chance here:" },
                value4(Some(nir)),
            ),
        });
    }
    // High accuracy next to a far lower recall or precision.
    for id in [MetricId::Recall, MetricId::Precision] {
        if let Some(x) = e.value(id) {
            if accuracy >= 0.8 && x <= accuracy - 0.3 {
                return Some(Warning {
                    id: WarningId::AccuracyParadox,
                    severity: Severity::High,
                    message: format!(
                        "Accuracy {} hides a {id} of only {}: the {} class makes up {} of the data, so accuracy is carried by it \
                         (no-information rate {}, p = {p_text} that accuracy beats it).",
                        value4(Some(accuracy)),
                        value4(Some(x)),
                        majority,
                        percent(nir),
                        value4(Some(nir)),
                    ),
                });
            }
        }
    }
    None
}

/// How serious a shortfall is for `task`: high when `watched_by` is the
/// task that watches this metric, medium for balanced tasks, low otherwise.
pub fn severity_for(task: Task, watched_by: Task) -> Severity {
    if task == watched_by {
        Severity::High
    } else if task == Task::Balanced {
        Severity::Medium
    } else {
        Severity::Low
    }
}

fn low_recall(e: &BinaryEvidence) -> Option<Warning> {
    let recall = e.value(MetricId::Recall)?;
    let bar = e.options.thresholds.min_recall;
    if recall >= bar {
        return None;
    }
    let c = e.counts;
    let severity = severity_for(e.options.task, Task::MissesCostly);
    let mut message = format!(
        "Recall {} is below the {} bar: the model misses {} of {} real positives ({}).",
        value4(Some(recall)),
        value2(bar),
        count(c.fn_),
        count(c.actual_positive()),
        percent(1.0 - recall)
    );
    if severity == Severity::High {
        message.push_str(" When misses are costly, this alone rules the model out.");
    }
    Some(Warning {
        id: WarningId::LowRecall,
        severity,
        message,
    })
}

fn low_precision(e: &BinaryEvidence) -> Option<Warning> {
    let precision = e.value(MetricId::Precision)?;
    let bar = e.options.thresholds.min_precision;
    if precision >= bar {
        return None;
    }
    let c = e.counts;
    let severity = severity_for(e.options.task, Task::FalseAlarmsCostly);
    let mut message = format!(
        "Precision {} is below the {} bar: {} of {} positive calls are false alarms ({}).",
        value4(Some(precision)),
        value2(bar),
        count(c.fp),
        count(c.predicted_positive()),
        percent(1.0 - precision)
    );
    if severity == Severity::High {
        message.push_str(" When false alarms are costly, this alone rules the model out.");
    }
    Some(Warning {
        id: WarningId::LowPrecision,
        severity,
        message,
    })
}

/// "all 200 examples are", or "the only example is" for one.
fn every_example(n: u64) -> String {
    if n == 1 {
        "the only example is".to_string()
    } else {
        format!("all {} examples are", count(n))
    }
}

fn degenerate(c: &ConfusionCounts) -> Option<Warning> {
    let message = if c.predicted_positive() == 0 {
        format!(
            "The model never predicts positive: {} called negative, so it finds none of the {}. \
             It behaves like a constant, not a classifier.",
            every_example(c.n()),
            counted(c.actual_positive(), "positive", "positives")
        )
    } else if c.predicted_negative() == 0 {
        format!(
            "The model always predicts positive: {} called positive, so every one of the {} is a false alarm. \
             It behaves like a constant, not a classifier.",
            every_example(c.n()),
            counted(c.actual_negative(), "negative", "negatives")
        )
    } else {
        return None;
    };
    Some(Warning {
        id: WarningId::Degenerate,
        severity: Severity::High,
        message,
    })
}

/// One warning listing every undefined metric and why (0/0, not an error).
pub fn undefined_metrics(metrics: &[Metric]) -> Option<Warning> {
    let undefined: Vec<String> = metrics
        .iter()
        .filter_map(|m| {
            m.value
                .as_ref()
                .err()
                .map(|why| format!("{} ({})", m.id, why.0))
        })
        .collect();
    if undefined.is_empty() {
        return None;
    }
    Some(Warning {
        id: WarningId::UndefinedMetric,
        severity: Severity::Medium,
        message: format!(
            "{} undefined, shown as \"undefined\" rather than a number: {}.",
            if undefined.len() == 1 {
                "1 metric is".to_string()
            } else {
                format!("{} metrics are", undefined.len())
            },
            undefined.join("; ")
        ),
    })
}

fn small_sample(e: &BinaryEvidence) -> Option<Warning> {
    let wide: Vec<String> = [MetricId::Accuracy, MetricId::Precision, MetricId::Recall]
        .iter()
        .filter_map(|&id| {
            let (lo, hi) = e.interval(id)?;
            (hi - lo > MAX_CONCLUSIVE_WIDTH).then(|| {
                format!(
                    "{} could be anywhere from {} to {} (width {})",
                    // Metric names are ASCII but for −, – (no case): see binary_verdict.
                    id.name().to_ascii_lowercase(),
                    value2(lo),
                    value2(hi),
                    value2(hi - lo)
                )
            })
        })
        .collect();
    if wide.is_empty() {
        return None;
    }
    Some(Warning {
        id: WarningId::SmallSample,
        severity: Severity::Medium,
        message: format!(
            "Too few examples ({}) to draw a conclusion: {}. Collect more labelled examples before deciding.",
            count(e.counts.n()),
            wide.join("; ")
        ),
    })
}

/// A p-value in words: `< 0.0001` for tiny values, otherwise 4 decimals.
pub fn p_value_text(p: f64) -> String {
    if p < 1e-4 {
        "< 0.0001".to_string()
    } else {
        format!("{p:.4}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warning_ids_serialize_as_their_json_id() {
        let w = Warning {
            id: WarningId::PositiveLabelGuess,
            severity: Severity::Medium,
            message: "m".into(),
        };
        let json = serde_json::to_string(&w).unwrap();
        assert_eq!(
            json,
            r#"{"id":"positive_label_guess","severity":"medium","message":"m"}"#
        );
        assert!(w.id == "positive_label_guess");
        assert_eq!(w.id.to_string(), "positive_label_guess");
    }
}
