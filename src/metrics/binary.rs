//! Binary classification metrics from the four counts.
//!
//! Every ratio goes through the one divide rule of [`crate::metrics::divide`]:
//! 0/0 becomes an [`Undefined`] carrying the reason, which the report shows
//! as JSON `null` and the word "undefined" — never NaN, never a silent 0.

use crate::input::counts::ConfusionCounts;
use crate::metrics::agreement;
use crate::metrics::divide::{divide, divide_reals, mean, share, MetricValue, Undefined};
use crate::metrics::id::{value_of, Metric, MetricId};
use crate::metrics::intervals::wilson;
use crate::metrics::numbers::ReportNumbers;
use crate::metrics::per_class::class_rows;
use crate::metrics::significance::accuracy_above_rate_p_value;

/// Binary metric ids in the order reports list them (JSON ids of [`MetricId::BINARY`]).
pub const BINARY_METRIC_IDS: [&str; 25] = {
    let mut ids = [""; 25];
    let mut i = 0;
    while i < 25 {
        ids[i] = MetricId::BINARY[i].id();
        i += 1;
    }
    ids
};

/// For metrics that are a proportion of examples — `successes` out of
/// `trials` — the two counts; used for Wilson intervals and worked formulas.
/// `None` for metrics that are not a simple proportion (F1, MCC, ratios).
pub fn proportion_of(id: MetricId, c: &ConfusionCounts) -> Option<(u64, u64)> {
    use MetricId::*;
    let n = c.n();
    Some(match id {
        Accuracy => (c.tp + c.tn, n),
        ErrorRate => (c.fp + c.fn_, n),
        Precision => (c.tp, c.predicted_positive()),
        Recall => (c.tp, c.actual_positive()),
        Specificity => (c.tn, c.actual_negative()),
        Npv => (c.tn, c.predicted_negative()),
        Fpr => (c.fp, c.actual_negative()),
        Fnr => (c.fn_, c.actual_positive()),
        Fdr => (c.fp, c.predicted_positive()),
        FalseOmissionRate => (c.fn_, c.predicted_negative()),
        Prevalence => (c.actual_positive(), n),
        Jaccard => (c.tp, c.tp + c.fp + c.fn_),
        NoInformationRate => (c.actual_positive().max(c.actual_negative()), n),
        F1 | Fbeta | BalancedAccuracy | Mcc | CohenKappa | Informedness | Markedness | LrPlus
        | LrMinus | Dor | FowlkesMallows | GMean | RocAuc | AveragePrecision | LogLoss
        | BrierScore => return None,
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
    MetricId::BINARY
        .iter()
        .map(|&id| Metric {
            id,
            value: binary_metric(id, c, beta),
        })
        .collect()
}

/// Every number of a binary report: the metrics, Wilson intervals of the
/// proportions, the per-class rows of `confusion` (the counts in `labels`
/// order, rows true) and the test of accuracy against the no-information rate.
pub fn binary_numbers(
    c: &ConfusionCounts,
    beta: f64,
    labels: &[String],
    confusion: &[Vec<u64>],
) -> ReportNumbers {
    let metrics = binary_metrics(c, beta);
    let intervals = metrics
        .iter()
        .filter_map(|m| {
            m.value.as_ref().ok()?;
            let (x, n) = proportion_of(m.id, c)?;
            Some((m.id, wilson(x, n)?))
        })
        .collect();
    let no_information_rate = value_of(&metrics, MetricId::NoInformationRate);
    let accuracy_p_value =
        no_information_rate.and_then(|rate| accuracy_above_rate_p_value(c.tp + c.tn, c.n(), rate));
    ReportNumbers {
        n: c.n(),
        metrics,
        intervals,
        per_class: class_rows(labels, confusion),
        no_information_rate,
        accuracy_p_value,
    }
}

/// Computes one binary metric; the score metrics need scores, not counts,
/// and are undefined here.
pub fn binary_metric(id: MetricId, c: &ConfusionCounts, beta: f64) -> MetricValue {
    use MetricId::*;
    let (tp, fn_, fp, tn) = (c.tp as u128, c.fn_ as u128, c.fp as u128, c.tn as u128);
    let n = c.n() as u128;
    let ratio = |id: MetricId| binary_metric(id, c, beta);
    match id {
        Accuracy => divide(tp + tn, n, "there are no examples"),
        ErrorRate => divide(fp + fn_, n, "there are no examples"),
        Precision => divide(tp, tp + fp, NO_PREDICTED_POSITIVE),
        Recall => divide(tp, tp + fn_, NO_ACTUAL_POSITIVE),
        Specificity => divide(tn, tn + fp, NO_ACTUAL_NEGATIVE),
        Npv => divide(tn, tn + fn_, NO_PREDICTED_NEGATIVE),
        Fpr => divide(fp, fp + tn, NO_ACTUAL_NEGATIVE),
        Fnr => divide(fn_, fn_ + tp, NO_ACTUAL_POSITIVE),
        Fdr => divide(fp, fp + tp, NO_PREDICTED_POSITIVE),
        FalseOmissionRate => divide(fn_, fn_ + tn, NO_PREDICTED_NEGATIVE),
        F1 => divide(
            2 * tp,
            2 * tp + fn_ + fp,
            "there are no positives, predicted or true (TP + FP + FN = 0)",
        ),
        Fbeta => fbeta(c, beta),
        BalancedAccuracy => {
            // scikit-learn averages the recall of each class present in the
            // truth; a class with no examples is left out of the mean.
            let defined: Vec<f64> = [ratio(Recall), ratio(Specificity)]
                .into_iter()
                .flatten()
                .collect();
            mean(&defined, "there are no examples")
        }
        Mcc => agreement::mcc(&c.matrix()),
        CohenKappa => agreement::cohen_kappa(&c.matrix()),
        Prevalence => divide(tp + fn_, n, "there are no examples"),
        Informedness => Ok(ratio(Recall)? + ratio(Specificity)? - 1.0),
        Markedness => Ok(ratio(Precision)? + ratio(Npv)? - 1.0),
        LrPlus => likelihood_ratio(tp * (fp + tn), fp * (tp + fn_), c, "false positives"),
        LrMinus => likelihood_ratio(fn_ * (fp + tn), tn * (tp + fn_), c, "true negatives"),
        Dor => divide(
            tp * tn,
            fp * fn_,
            if tp * tn == 0 {
                "both TP·TN and FP·FN are 0 (0/0)"
            } else {
                "there are no false positives or no false negatives, so the odds ratio is infinite"
            },
        ),
        Jaccard => divide(
            tp,
            tp + fp + fn_,
            "there are no positives, predicted or true (TP + FP + FN = 0)",
        ),
        FowlkesMallows => Ok((ratio(Precision)? * ratio(Recall)?).sqrt()),
        GMean => Ok((ratio(Recall)? * ratio(Specificity)?).sqrt()),
        NoInformationRate => divide((tp + fn_).max(fp + tn), n, "there are no examples"),
        RocAuc | AveragePrecision | LogLoss | BrierScore => Err(Undefined(format!(
            "{} is computed from scores, not from the four counts",
            id.id()
        ))),
    }
}

/// F-beta as scikit-learn computes it since 1.3: `(1 + β²)·TP / (β²·(TP + FN) + (TP + FP))`,
/// which stays defined (0) when precision alone is undefined.
fn fbeta(c: &ConfusionCounts, beta: f64) -> MetricValue {
    let beta2 = beta * beta;
    let num = (1.0 + beta2) * c.tp as f64;
    let den = beta2 * c.actual_positive() as f64 + c.predicted_positive() as f64;
    divide_reals(
        num,
        den,
        "there are no positives, predicted or true (TP + FP + FN = 0)",
    )
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
    share(num, den).ok_or_else(|| {
        Undefined(format!(
            "there are no {zero_cell}, so the ratio divides by zero{}",
            if num == 0 {
                " (0/0)"
            } else {
                " and is infinite"
            }
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::id::MetricKind;

    #[test]
    fn proportions_are_exactly_the_metrics_of_that_kind() {
        let c = ConfusionCounts::new(85, 15, 10, 90).unwrap();
        for id in MetricId::ALL {
            let is_proportion = id.kind() == MetricKind::Proportion;
            assert_eq!(proportion_of(id, &c).is_some(), is_proportion, "{id}");
            if let (Some((x, n)), Ok(v)) = (proportion_of(id, &c), binary_metric(id, &c, 1.0)) {
                assert_eq!(v, x as f64 / n as f64, "{id} is {x} of {n}");
            }
        }
    }

    #[test]
    fn score_metrics_are_not_made_from_counts() {
        let c = ConfusionCounts::new(85, 15, 10, 90).unwrap();
        for id in MetricId::SCORE {
            assert!(binary_metric(id, &c, 1.0).is_err(), "{id}");
        }
        let ids: Vec<&str> = MetricId::BINARY.iter().map(|m| m.id()).collect();
        assert_eq!(ids, BINARY_METRIC_IDS);
    }
}
