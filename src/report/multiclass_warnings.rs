//! The warnings of a multiclass report, one function each: accuracy misled
//! by imbalance, classes never predicted, a constant model, weak classes,
//! low macro recall or precision, undefined values and small samples.

use crate::format::{count, counted, percent, value2, value4};
use crate::metrics::divide::Undefined;
use crate::metrics::id::{Metric, MetricId};
use crate::metrics::multiclass::Totals;
use crate::metrics::numbers::ReportNumbers;
use crate::metrics::per_class::{averages, ClassRow, Prf};
use crate::options::{ReportOptions, Task};
use crate::report::warnings::{
    p_value_text, severity_for, undefined_metrics, Severity, Warning, WarningId,
    MAX_CONCLUSIVE_WIDTH,
};

/// Classes with fewer true examples than this are called out as too small.
pub const SMALL_CLASS: u64 = 10;

/// Everything the multiclass warnings look at.
pub struct MulticlassEvidence<'a> {
    /// Class labels, in matrix order.
    pub labels: &'a [String],
    /// The report's numbers.
    pub numbers: &'a ReportNumbers,
    /// Row and column totals of the matrix.
    pub totals: &'a Totals,
    /// The user's task and bars.
    pub options: &'a ReportOptions,
}

impl MulticlassEvidence<'_> {
    fn rows(&self) -> &[ClassRow] {
        &self.numbers.per_class
    }

    fn macro_avg(&self) -> Prf {
        averages(self.rows(), &[]).macro_avg
    }
}

/// Every warning that applies, most severe first.
pub fn multiclass_warnings(e: &MulticlassEvidence) -> Vec<Warning> {
    let mut out = Vec::new();
    out.extend(accuracy_paradox(e));
    out.extend(never_predicted(e));
    out.extend(degenerate(e));
    out.extend(weak_class(e));
    out.extend(low_recall(e));
    out.extend(low_precision(e));
    out.extend(undefined(e));
    out.extend(small_sample(e));
    crate::report::warnings::sort_by_severity(&mut out);
    out
}

/// Imbalance that makes accuracy misleading.
fn accuracy_paradox(e: &MulticlassEvidence) -> Option<Warning> {
    let acc = e.numbers.value(MetricId::Accuracy)?;
    let nir = e.numbers.value(MetricId::NoInformationRate)?;
    let bal = e.numbers.value(MetricId::BalancedAccuracy);
    let p_value = e.numbers.accuracy_p_value;
    let not_better = acc <= nir || p_value.is_some_and(|p| p >= 0.05);
    let biggest = e
        .totals
        .support
        .iter()
        .enumerate()
        .max_by_key(|(_, s)| **s)
        .map(|(i, _)| e.labels[i].clone())
        .unwrap_or_default();
    if nir >= 0.5 && not_better {
        Some(Warning {
            id: WarningId::AccuracyParadox,
            severity: Severity::High,
            message: format!(
                "Accuracy {} is no better than always predicting \"{biggest}\", which would score {} (p = {} that accuracy beats it). Judge the model by balanced accuracy, macro F1 and the per-class table.",
                value4(Some(acc)), value4(Some(nir)), p_value.map(p_value_text).unwrap_or_else(|| "not available".into())
            ),
        })
    } else {
        let bal = bal.filter(|b| *b <= acc - 0.15)?;
        Some(Warning {
            id: WarningId::AccuracyParadox,
            severity: Severity::High,
            message: format!(
                "Imbalance makes accuracy misleading: accuracy is {} but balanced accuracy only {}; \"{biggest}\" alone is {} of the data and carries the score.",
                value4(Some(acc)), value4(Some(bal)), percent(nir)
            ),
        })
    }
}

fn never_predicted(e: &MulticlassEvidence) -> Option<Warning> {
    let never: Vec<String> = e
        .rows()
        .iter()
        .enumerate()
        .filter(|(i, r)| e.totals.predicted[*i] == 0 && r.support > 0)
        .map(|(_, r)| {
            format!(
                "\"{}\" ({} example{})",
                r.label,
                count(r.support),
                if r.support == 1 { "" } else { "s" }
            )
        })
        .collect();
    if never.is_empty() {
        return None;
    }
    Some(Warning {
        id: WarningId::NeverPredicted,
        severity: Severity::High,
        message: format!("The model never predicts {}: every one of those examples is missed, and the precision of those classes is undefined.", never.join(", ")),
    })
}

fn degenerate(e: &MulticlassEvidence) -> Option<Warning> {
    let predicted = &e.totals.predicted;
    if predicted.iter().filter(|&&p| p > 0).count() != 1 {
        return None;
    }
    let only = predicted
        .iter()
        .position(|&p| p > 0)
        .map(|i| e.labels[i].clone())
        .unwrap_or_default();
    Some(Warning {
        id: WarningId::Degenerate,
        severity: Severity::High,
        message: format!(
            "The model predicts \"{only}\" for every example: it behaves like a constant, not a classifier."
        ),
    })
}

fn weak_class(e: &MulticlassEvidence) -> Option<Warning> {
    let min_f1 = e.options.thresholds.min_f1;
    let mut weak: Vec<&ClassRow> = e
        .rows()
        .iter()
        .filter(|r| r.support > 0 && r.f1.unwrap_or(0.0) < min_f1)
        .collect();
    if weak.is_empty() {
        return None;
    }
    weak.sort_by(|a, b| a.f1.unwrap_or(0.0).total_cmp(&b.f1.unwrap_or(0.0)));
    let shown: Vec<String> = weak
        .iter()
        .take(3)
        .map(|r| {
            format!(
                "\"{}\" F1 {} (precision {}, recall {}, {})",
                r.label,
                value4(r.f1),
                value4(r.precision),
                value4(r.recall),
                counted(r.support, "example", "examples")
            )
        })
        .collect();
    Some(Warning {
        id: WarningId::WeakClass,
        severity: Severity::Medium,
        message: format!(
            "{} of {} classes {} below the F1 bar of {}; the weakest: {}.",
            weak.len(),
            e.rows().len(),
            if weak.len() == 1 { "falls" } else { "fall" },
            value2(min_f1),
            shown.join("; ")
        ),
    })
}

fn low_recall(e: &MulticlassEvidence) -> Option<Warning> {
    let recall = e.macro_avg().recall;
    let bar = e.options.thresholds.min_recall;
    if recall >= bar {
        return None;
    }
    Some(Warning {
        id: WarningId::LowRecall,
        severity: severity_for(e.options.task, Task::MissesCostly),
        message: format!(
            "Macro-averaged recall {} is below the {} bar: on an average class the model misses {}.",
            value4(Some(recall)),
            value2(bar),
            percent(1.0 - recall)
        ),
    })
}

fn low_precision(e: &MulticlassEvidence) -> Option<Warning> {
    let precision = e.macro_avg().precision;
    let bar = e.options.thresholds.min_precision;
    if precision >= bar {
        return None;
    }
    Some(Warning {
        id: WarningId::LowPrecision,
        severity: severity_for(e.options.task, Task::FalseAlarmsCostly),
        message: format!(
            "Macro-averaged precision {} is below the {} bar: on an average class {} of its predictions are wrong.",
            value4(Some(precision)),
            value2(bar),
            percent(1.0 - precision)
        ),
    })
}

/// Undefined whole-matrix metrics and undefined per-class values.
fn undefined(e: &MulticlassEvidence) -> Option<Warning> {
    let mut per_class_undefined: Vec<Metric> = Vec::new();
    for r in e.rows() {
        if r.precision.is_none() {
            per_class_undefined.push(Metric {
                id: MetricId::Precision,
                value: Err(Undefined(format!(
                    "class \"{}\" is never predicted",
                    r.label
                ))),
            });
        }
        if r.recall.is_none() {
            per_class_undefined.push(Metric {
                id: MetricId::Recall,
                value: Err(Undefined(format!(
                    "class \"{}\" never occurs in the truth",
                    r.label
                ))),
            });
        }
    }
    let mut all = e.numbers.metrics.clone();
    all.extend(per_class_undefined.iter().cloned());
    let mut w = undefined_metrics(&all)?;
    if !per_class_undefined.is_empty() {
        w.message.push_str(" Macro and weighted averages count an undefined per-class value as 0, as scikit-learn does by default.");
    }
    Some(w)
}

fn small_sample(e: &MulticlassEvidence) -> Option<Warning> {
    let small: Vec<String> = e
        .rows()
        .iter()
        .filter(|r| r.support > 0 && r.support < SMALL_CLASS)
        .map(|r| format!("\"{}\" ({})", r.label, r.support))
        .collect();
    let wide = e
        .numbers
        .interval(MetricId::Accuracy)
        .filter(|(lo, hi)| hi - lo > MAX_CONCLUSIVE_WIDTH);
    if small.is_empty() && wide.is_none() {
        return None;
    }
    let mut parts = Vec::new();
    if let Some((lo, hi)) = wide {
        parts.push(format!(
            "accuracy could be anywhere from {} to {} (width {})",
            value2(lo),
            value2(hi),
            value2(hi - lo)
        ));
    }
    if !small.is_empty() {
        parts.push(format!("classes with fewer than {SMALL_CLASS} examples have per-class values that are too noisy to trust: {}", small.join(", ")));
    }
    Some(Warning {
        id: WarningId::SmallSample,
        severity: Severity::Medium,
        message: format!("Too few examples to conclude: {}.", parts.join("; ")),
    })
}
