//! The vocabulary of metrics: one [`MetricId`] per metric fitcheck reports,
//! with its JSON id, its name, its kind and which way is better.
//!
//! Every table keyed by a metric (its value, its interval, its formula and
//! meaning in `report/explain.rs`) is an exhaustive `match` on [`MetricId`]
//! with no catch-all arm: a metric added here without a name, a direction
//! or an explanation does not compile. Strings appear only at the edges
//! (JSON keys, CLI and JS), through [`MetricId::id`] and [`MetricId::from_id`].

use serde::{Serialize, Serializer};

/// One metric. The JSON id of each is [`MetricId::id`]; it never changes.
///
/// Every lookup on a metric is an exhaustive `match`, never a catch-all `_`
/// arm, so adding a variant fails to compile until each table says what the
/// new metric is called, which way is better, how it is computed and what it
/// means. A table that forgets one metric is rejected:
///
/// ```compile_fail
/// use fitcheck::metrics::id::MetricId;
/// fn name(m: MetricId) -> &'static str {
///     match m {
///         MetricId::Accuracy => "Accuracy",
///         // error[E0004]: non-exhaustive patterns: every other metric
///     }
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MetricId {
    /// `(TP + TN) / N`.
    Accuracy,
    /// `(FP + FN) / N`.
    ErrorRate,
    /// `TP / (TP + FP)`.
    Precision,
    /// `TP / (TP + FN)`, also called sensitivity.
    Recall,
    /// `2·TP / (2·TP + FP + FN)`.
    F1,
    /// `(1 + β²)·TP / ((1 + β²)·TP + β²·FN + FP)`.
    Fbeta,
    /// `TN / (TN + FP)`.
    Specificity,
    /// Negative predictive value, `TN / (TN + FN)`.
    Npv,
    /// False positive rate, `FP / (FP + TN)`.
    Fpr,
    /// False negative rate (miss rate), `FN / (FN + TP)`.
    Fnr,
    /// False discovery rate, `FP / (FP + TP)`.
    Fdr,
    /// `FN / (FN + TN)`.
    FalseOmissionRate,
    /// Mean recall over the classes present in the truth.
    BalancedAccuracy,
    /// Matthews correlation coefficient.
    Mcc,
    /// Cohen's kappa (unweighted).
    CohenKappa,
    /// `(TP + FN) / N`: a property of the data, not of the model.
    Prevalence,
    /// Youden's J, `recall + specificity − 1`.
    Informedness,
    /// `precision + NPV − 1`.
    Markedness,
    /// Positive likelihood ratio, `recall / FPR`.
    LrPlus,
    /// Negative likelihood ratio, `FNR / specificity`.
    LrMinus,
    /// Diagnostic odds ratio, `(TP·TN) / (FP·FN)`.
    Dor,
    /// `TP / (TP + FP + FN)`.
    Jaccard,
    /// `√(precision · recall)`.
    FowlkesMallows,
    /// `√(recall · specificity)`.
    GMean,
    /// Share of the largest true class: what always guessing it scores.
    NoInformationRate,
    /// Area under the ROC curve (from scores).
    RocAuc,
    /// Average precision, step-wise (from scores).
    AveragePrecision,
    /// Log loss (from scores read as probabilities).
    LogLoss,
    /// Brier score (from scores read as probabilities).
    BrierScore,
}

/// What sort of number a metric is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricKind {
    /// A share of examples, `successes / trials`, in [0, 1]; gets a Wilson interval.
    Proportion,
    /// A mean of two rates (harmonic, arithmetic or geometric), in [0, 1].
    Mean,
    /// Agreement beyond chance between truth and prediction: 0 is chance, 1 perfect.
    Agreement,
    /// A ratio of rates or odds, from 0 to infinity.
    Ratio,
    /// How well scores rank positives above negatives, at every threshold at once.
    Ranking,
    /// How far scores read as probabilities are from the truth.
    ProbabilityLoss,
}

/// Which way a metric is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Larger values mean a better model.
    HigherIsBetter,
    /// Smaller values mean a better model.
    LowerIsBetter,
    /// Describes the data, not the model (prevalence, no-information rate).
    Neither,
}

impl MetricId {
    /// Every metric, in report order: the binary metrics, then the score metrics.
    pub const ALL: [MetricId; 29] = {
        let mut all = [MetricId::Accuracy; 29];
        let mut i = 0;
        while i < 25 {
            all[i] = MetricId::BINARY[i];
            i += 1;
        }
        while i < 29 {
            all[i] = MetricId::SCORE[i - 25];
            i += 1;
        }
        all
    };

    /// Metrics from the four counts of a binary confusion matrix, in report order.
    pub const BINARY: [MetricId; 25] = [
        MetricId::Accuracy,
        MetricId::ErrorRate,
        MetricId::Precision,
        MetricId::Recall,
        MetricId::F1,
        MetricId::Fbeta,
        MetricId::Specificity,
        MetricId::Npv,
        MetricId::Fpr,
        MetricId::Fnr,
        MetricId::Fdr,
        MetricId::FalseOmissionRate,
        MetricId::BalancedAccuracy,
        MetricId::Mcc,
        MetricId::CohenKappa,
        MetricId::Prevalence,
        MetricId::Informedness,
        MetricId::Markedness,
        MetricId::LrPlus,
        MetricId::LrMinus,
        MetricId::Dor,
        MetricId::Jaccard,
        MetricId::FowlkesMallows,
        MetricId::GMean,
        MetricId::NoInformationRate,
    ];

    /// Metrics from scores, in report order (after the binary ones).
    pub const SCORE: [MetricId; 4] = [
        MetricId::RocAuc,
        MetricId::AveragePrecision,
        MetricId::LogLoss,
        MetricId::BrierScore,
    ];

    /// Whole-matrix metrics of a multiclass report, in report order; the
    /// rest are per class (`per_class`, `averages`).
    pub const MULTICLASS: [MetricId; 5] = [
        MetricId::Accuracy,
        MetricId::BalancedAccuracy,
        MetricId::Mcc,
        MetricId::CohenKappa,
        MetricId::NoInformationRate,
    ];

    /// The snake_case id used as JSON key, `data-metric` attribute and CLI word.
    pub const fn id(self) -> &'static str {
        match self {
            MetricId::Accuracy => "accuracy",
            MetricId::ErrorRate => "error_rate",
            MetricId::Precision => "precision",
            MetricId::Recall => "recall",
            MetricId::F1 => "f1",
            MetricId::Fbeta => "fbeta",
            MetricId::Specificity => "specificity",
            MetricId::Npv => "npv",
            MetricId::Fpr => "fpr",
            MetricId::Fnr => "fnr",
            MetricId::Fdr => "fdr",
            MetricId::FalseOmissionRate => "false_omission_rate",
            MetricId::BalancedAccuracy => "balanced_accuracy",
            MetricId::Mcc => "mcc",
            MetricId::CohenKappa => "cohen_kappa",
            MetricId::Prevalence => "prevalence",
            MetricId::Informedness => "informedness",
            MetricId::Markedness => "markedness",
            MetricId::LrPlus => "lr_plus",
            MetricId::LrMinus => "lr_minus",
            MetricId::Dor => "dor",
            MetricId::Jaccard => "jaccard",
            MetricId::FowlkesMallows => "fowlkes_mallows",
            MetricId::GMean => "g_mean",
            MetricId::NoInformationRate => "no_information_rate",
            MetricId::RocAuc => "roc_auc",
            MetricId::AveragePrecision => "average_precision",
            MetricId::LogLoss => "log_loss",
            MetricId::BrierScore => "brier_score",
        }
    }

    /// The metric of a JSON id; `None` for an unknown id.
    ///
    /// ```
    /// use fitcheck::metrics::id::MetricId;
    /// assert_eq!(MetricId::from_id("lr_plus"), Some(MetricId::LrPlus));
    /// assert_eq!(MetricId::from_id("LR+"), None);
    /// ```
    pub fn from_id(id: &str) -> Option<MetricId> {
        MetricId::ALL.into_iter().find(|m| m.id() == id)
    }

    /// The human name (`Recall (sensitivity)`).
    pub const fn name(self) -> &'static str {
        match self {
            MetricId::Accuracy => "Accuracy",
            MetricId::ErrorRate => "Error rate",
            MetricId::Precision => "Precision",
            MetricId::Recall => "Recall (sensitivity)",
            MetricId::F1 => "F1 score",
            MetricId::Fbeta => "F-beta score",
            MetricId::Specificity => "Specificity",
            MetricId::Npv => "Negative predictive value",
            MetricId::Fpr => "False positive rate",
            MetricId::Fnr => "False negative rate (miss rate)",
            MetricId::Fdr => "False discovery rate",
            MetricId::FalseOmissionRate => "False omission rate",
            MetricId::BalancedAccuracy => "Balanced accuracy",
            MetricId::Mcc => "Matthews correlation (MCC)",
            MetricId::CohenKappa => "Cohen's kappa",
            MetricId::Prevalence => "Prevalence",
            MetricId::Informedness => "Informedness (Youden's J)",
            MetricId::Markedness => "Markedness",
            MetricId::LrPlus => "Positive likelihood ratio (LR+)",
            MetricId::LrMinus => "Negative likelihood ratio (LR−)",
            MetricId::Dor => "Diagnostic odds ratio",
            MetricId::Jaccard => "Jaccard index",
            MetricId::FowlkesMallows => "Fowlkes–Mallows index",
            MetricId::GMean => "Geometric mean (G-mean)",
            MetricId::NoInformationRate => "No-information rate",
            MetricId::RocAuc => "ROC AUC",
            MetricId::AveragePrecision => "Average precision",
            MetricId::LogLoss => "Log loss",
            MetricId::BrierScore => "Brier score",
        }
    }

    /// What sort of number the metric is.
    pub const fn kind(self) -> MetricKind {
        use MetricKind::*;
        match self {
            MetricId::Accuracy
            | MetricId::ErrorRate
            | MetricId::Precision
            | MetricId::Recall
            | MetricId::Specificity
            | MetricId::Npv
            | MetricId::Fpr
            | MetricId::Fnr
            | MetricId::Fdr
            | MetricId::FalseOmissionRate
            | MetricId::Prevalence
            | MetricId::Jaccard
            | MetricId::NoInformationRate => Proportion,
            MetricId::F1
            | MetricId::Fbeta
            | MetricId::BalancedAccuracy
            | MetricId::FowlkesMallows
            | MetricId::GMean => Mean,
            MetricId::Mcc
            | MetricId::CohenKappa
            | MetricId::Informedness
            | MetricId::Markedness => Agreement,
            MetricId::LrPlus | MetricId::LrMinus | MetricId::Dor => Ratio,
            MetricId::RocAuc | MetricId::AveragePrecision => Ranking,
            MetricId::LogLoss | MetricId::BrierScore => ProbabilityLoss,
        }
    }

    /// Which way the metric is better.
    pub const fn direction(self) -> Direction {
        use Direction::*;
        match self {
            MetricId::Accuracy
            | MetricId::Precision
            | MetricId::Recall
            | MetricId::F1
            | MetricId::Fbeta
            | MetricId::Specificity
            | MetricId::Npv
            | MetricId::BalancedAccuracy
            | MetricId::Mcc
            | MetricId::CohenKappa
            | MetricId::Informedness
            | MetricId::Markedness
            | MetricId::LrPlus
            | MetricId::Dor
            | MetricId::Jaccard
            | MetricId::FowlkesMallows
            | MetricId::GMean
            | MetricId::RocAuc
            | MetricId::AveragePrecision => HigherIsBetter,
            MetricId::ErrorRate
            | MetricId::Fpr
            | MetricId::Fnr
            | MetricId::Fdr
            | MetricId::FalseOmissionRate
            | MetricId::LrMinus
            | MetricId::LogLoss
            | MetricId::BrierScore => LowerIsBetter,
            MetricId::Prevalence | MetricId::NoInformationRate => Neither,
        }
    }
}

impl std::fmt::Display for MetricId {
    /// Writes the JSON id.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for MetricId {
    /// Serializes as the JSON id (`"lr_plus"`).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

/// One computed metric.
#[derive(Debug, Clone, PartialEq)]
pub struct Metric {
    /// Which metric.
    pub id: MetricId,
    /// The value, or why it is undefined.
    pub value: crate::metrics::divide::MetricValue,
}

/// The value of `id` among `metrics`; `None` when undefined or absent.
pub fn value_of(metrics: &[Metric], id: MetricId) -> Option<f64> {
    metrics
        .iter()
        .find(|m| m.id == id)
        .and_then(|m| m.value.as_ref().ok().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The verdicts capitalise metric names with format::capitalize, which
    /// upper-cases ASCII only: every name begins in ASCII, where that is
    /// what Unicode's upper case gives.
    #[test]
    fn names_begin_in_ascii_for_capitalize() {
        for id in MetricId::ALL {
            let name = id.name();
            let first = name.chars().next().expect("a name");
            assert!(first.is_ascii(), "{name}");
            let unicode: String = first.to_uppercase().chain(name.chars().skip(1)).collect();
            assert_eq!(crate::format::capitalize(name), unicode);
        }
    }

    #[test]
    fn ids_round_trip_and_are_unique() {
        for m in MetricId::ALL {
            assert_eq!(MetricId::from_id(m.id()), Some(m));
        }
        let mut ids: Vec<&str> = MetricId::ALL.iter().map(|m| m.id()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), MetricId::ALL.len());
        assert_eq!(MetricId::from_id("metric"), None);
    }

    #[test]
    fn all_is_binary_then_score() {
        let joined: Vec<MetricId> = MetricId::BINARY
            .iter()
            .chain(MetricId::SCORE.iter())
            .copied()
            .collect();
        assert_eq!(joined, MetricId::ALL);
        for m in MetricId::MULTICLASS {
            assert!(MetricId::BINARY.contains(&m), "{m}");
        }
    }

    #[test]
    fn scores_named_like_sklearn_follow_its_direction() {
        // style.md: `*_score` is higher-is-better, `*_loss` lower-is-better;
        // brier_score is scikit-learn's brier_score_loss and the exception.
        for m in MetricId::ALL {
            if m.id().ends_with("_loss") {
                assert_eq!(m.direction(), Direction::LowerIsBetter, "{m}");
            }
        }
        assert_eq!(MetricId::BrierScore.direction(), Direction::LowerIsBetter);
        assert_eq!(MetricId::Prevalence.direction(), Direction::Neither);
    }

    #[test]
    fn serializes_as_its_id() {
        assert_eq!(
            serde_json::to_string(&MetricId::FalseOmissionRate).unwrap(),
            "\"false_omission_rate\""
        );
    }
}
