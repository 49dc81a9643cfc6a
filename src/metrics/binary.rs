//! Binary classification metrics from the four counts.
//!
//! Every ratio goes through [`safe_divide`], the one place that decides what
//! 0/0 becomes: an [`Undefined`] carrying the reason, which the report shows
//! as JSON `null` and the word "undefined" — never NaN, never a silent 0.

use crate::input::counts::ConfusionCounts;
use crate::metrics::agreement;

/// Why a metric has no value, as a sentence fragment for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undefined(pub String);

/// A metric's value, or why it has none.
pub type MetricValue = Result<f64, Undefined>;

/// One computed metric.
#[derive(Debug, Clone, PartialEq)]
pub struct Metric {
    /// Snake_case id from the design (`precision`, `lr_plus`, ...).
    pub id: &'static str,
    /// The value, or why it is undefined.
    pub value: MetricValue,
}

/// Binary metric ids in the order reports list them.
pub const BINARY_METRIC_IDS: [&str; 25] = [
    "accuracy",
    "error_rate",
    "precision",
    "recall",
    "f1",
    "fbeta",
    "specificity",
    "npv",
    "fpr",
    "fnr",
    "fdr",
    "false_omission_rate",
    "balanced_accuracy",
    "mcc",
    "cohen_kappa",
    "prevalence",
    "informedness",
    "markedness",
    "lr_plus",
    "lr_minus",
    "dor",
    "jaccard",
    "fowlkes_mallows",
    "g_mean",
    "no_information_rate",
];

/// `num / den`, or undefined with `why` when `den` is 0. Integer inputs are
/// converted to f64 once each, so results equal numpy's `num / den`.
pub fn safe_divide(num: u128, den: u128, why: &str) -> MetricValue {
    if den == 0 {
        Err(Undefined(why.to_string()))
    } else {
        Ok(num as f64 / den as f64)
    }
}

/// For metrics that are a proportion of examples — `successes` out of
/// `trials` — the two counts; used for Wilson intervals and worked formulas.
/// `None` for metrics that are not a simple proportion (F1, MCC, ratios).
pub fn proportion_of(id: &str, c: &ConfusionCounts) -> Option<(u64, u64)> {
    let n = c.n();
    Some(match id {
        "accuracy" => (c.tp + c.tn, n),
        "error_rate" => (c.fp + c.fn_, n),
        "precision" => (c.tp, c.predicted_positive()),
        "recall" => (c.tp, c.actual_positive()),
        "specificity" => (c.tn, c.actual_negative()),
        "npv" => (c.tn, c.predicted_negative()),
        "fpr" => (c.fp, c.actual_negative()),
        "fnr" => (c.fn_, c.actual_positive()),
        "fdr" => (c.fp, c.predicted_positive()),
        "false_omission_rate" => (c.fn_, c.predicted_negative()),
        "prevalence" => (c.actual_positive(), n),
        "jaccard" => (c.tp, c.tp + c.fp + c.fn_),
        "no_information_rate" => (c.actual_positive().max(c.actual_negative()), n),
        _ => return None,
    })
}

const NO_PREDICTED_POSITIVE: &str = "the model predicted no positives (TP + FP = 0)";
const NO_ACTUAL_POSITIVE: &str = "there are no positive examples (TP + FN = 0)";
const NO_ACTUAL_NEGATIVE: &str = "there are no negative examples (FP + TN = 0)";
const NO_PREDICTED_NEGATIVE: &str = "the model predicted no negatives (FN + TN = 0)";

/// Computes every binary metric. `beta` weighs recall against precision in
/// F-beta (scikit-learn's `fbeta_score`): beta 2 counts recall twice as much.
///
/// Hand-worked: tp 85, fn 15, fp 10, tn 90 gives precision 85/95 = 0.8947,
/// recall 85/100 = 0.85, F1 170/195 = 0.8718.
pub fn binary_metrics(c: &ConfusionCounts, beta: f64) -> Vec<Metric> {
    BINARY_METRIC_IDS
        .iter()
        .map(|&id| Metric {
            id,
            value: binary_metric(id, c, beta),
        })
        .collect()
}

/// Computes one binary metric by id; unknown ids are undefined.
pub fn binary_metric(id: &str, c: &ConfusionCounts, beta: f64) -> MetricValue {
    let (tp, fn_, fp, tn) = (c.tp as u128, c.fn_ as u128, c.fp as u128, c.tn as u128);
    let n = c.n() as u128;
    let ratio = |id: &str| binary_metric(id, c, beta);
    match id {
        "accuracy" => safe_divide(tp + tn, n, "there are no examples"),
        "error_rate" => safe_divide(fp + fn_, n, "there are no examples"),
        "precision" => safe_divide(tp, tp + fp, NO_PREDICTED_POSITIVE),
        "recall" => safe_divide(tp, tp + fn_, NO_ACTUAL_POSITIVE),
        "specificity" => safe_divide(tn, tn + fp, NO_ACTUAL_NEGATIVE),
        "npv" => safe_divide(tn, tn + fn_, NO_PREDICTED_NEGATIVE),
        "fpr" => safe_divide(fp, fp + tn, NO_ACTUAL_NEGATIVE),
        "fnr" => safe_divide(fn_, fn_ + tp, NO_ACTUAL_POSITIVE),
        "fdr" => safe_divide(fp, fp + tp, NO_PREDICTED_POSITIVE),
        "false_omission_rate" => safe_divide(fn_, fn_ + tn, NO_PREDICTED_NEGATIVE),
        "f1" => safe_divide(
            2 * tp,
            2 * tp + fn_ + fp,
            "there are no positives, predicted or true (TP + FP + FN = 0)",
        ),
        "fbeta" => fbeta(c, beta),
        "balanced_accuracy" => {
            // scikit-learn averages the recall of each class present in the
            // truth; a class with no examples is left out of the mean.
            let defined: Vec<f64> = [ratio("recall"), ratio("specificity")]
                .into_iter()
                .flatten()
                .collect();
            if defined.is_empty() {
                Err(Undefined("there are no examples".into()))
            } else {
                Ok(defined.iter().sum::<f64>() / defined.len() as f64)
            }
        }
        "mcc" => agreement::mcc(&c.matrix()),
        "cohen_kappa" => agreement::cohen_kappa(&c.matrix()),
        "prevalence" => safe_divide(tp + fn_, n, "there are no examples"),
        "informedness" => Ok(ratio("recall")? + ratio("specificity")? - 1.0),
        "markedness" => Ok(ratio("precision")? + ratio("npv")? - 1.0),
        "lr_plus" => likelihood_ratio(tp * (fp + tn), fp * (tp + fn_), c, "false positives"),
        "lr_minus" => likelihood_ratio(fn_ * (fp + tn), tn * (tp + fn_), c, "true negatives"),
        "dor" => {
            if fp * fn_ == 0 {
                Err(Undefined(if tp * tn == 0 {
                    "both TP·TN and FP·FN are 0 (0/0)".to_string()
                } else {
                    "there are no false positives or no false negatives, so the odds ratio is infinite"
                        .to_string()
                }))
            } else {
                Ok((tp * tn) as f64 / (fp * fn_) as f64)
            }
        }
        "jaccard" => safe_divide(
            tp,
            tp + fp + fn_,
            "there are no positives, predicted or true (TP + FP + FN = 0)",
        ),
        "fowlkes_mallows" => Ok((ratio("precision")? * ratio("recall")?).sqrt()),
        "g_mean" => Ok((ratio("recall")? * ratio("specificity")?).sqrt()),
        "no_information_rate" => safe_divide((tp + fn_).max(fp + tn), n, "there are no examples"),
        other => Err(Undefined(format!("{other} is not a binary metric"))),
    }
}

/// F-beta as scikit-learn computes it since 1.3: `(1 + β²)·TP / (β²·(TP + FN) + (TP + FP))`,
/// which stays defined (0) when precision alone is undefined.
fn fbeta(c: &ConfusionCounts, beta: f64) -> MetricValue {
    let beta2 = beta * beta;
    let num = (1.0 + beta2) * c.tp as f64;
    let den = beta2 * c.actual_positive() as f64 + c.predicted_positive() as f64;
    if den == 0.0 {
        return Err(Undefined(
            "there are no positives, predicted or true (TP + FP + FN = 0)".into(),
        ));
    }
    Ok(num / den)
}

/// Likelihood ratios as scikit-learn's `class_likelihood_ratios`:
/// LR+ = `TP·(FP+TN) / (FP·(TP+FN))`, LR− = `FN·(FP+TN) / (TN·(TP+FN))`.
fn likelihood_ratio(num: u128, den: u128, c: &ConfusionCounts, zero_cell: &str) -> MetricValue {
    if c.actual_positive() == 0 {
        return Err(Undefined(NO_ACTUAL_POSITIVE.into()));
    }
    if c.actual_negative() == 0 {
        return Err(Undefined(NO_ACTUAL_NEGATIVE.into()));
    }
    if den == 0 {
        return Err(Undefined(format!(
            "there are no {zero_cell}, so the ratio divides by zero{}",
            if num == 0 {
                " (0/0)"
            } else {
                " and is infinite"
            }
        )));
    }
    Ok(num as f64 / den as f64)
}
