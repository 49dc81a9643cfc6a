//! Numbers of reports on more than two classes: accuracy, balanced accuracy,
//! MCC, Cohen's kappa and the no-information rate of an N×N confusion
//! matrix, its Wilson interval on accuracy and the per-class rows.

use crate::metrics::agreement::{cohen_kappa, mcc};
use crate::metrics::divide::{divide, mean, MetricValue, Undefined};
use crate::metrics::id::{value_of, Metric, MetricId};
use crate::metrics::intervals::wilson;
use crate::metrics::numbers::ReportNumbers;
use crate::metrics::per_class::{class_rows, ClassRow};
use crate::metrics::significance::accuracy_above_rate_p_value;

/// Sums of a square confusion matrix (rows true, columns predicted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Totals {
    /// Number of examples.
    pub n: u64,
    /// Examples on the diagonal (predicted as their true class).
    pub correct: u64,
    /// Row totals: examples truly of each class.
    pub support: Vec<u64>,
    /// Column totals: examples predicted as each class.
    pub predicted: Vec<u64>,
}

/// The totals of a square matrix.
pub fn totals(matrix: &[Vec<u64>]) -> Totals {
    let k = matrix.len();
    Totals {
        n: matrix.iter().flatten().sum(),
        correct: (0..k).map(|i| matrix[i][i]).sum(),
        support: matrix.iter().map(|r| r.iter().sum()).collect(),
        predicted: (0..k).map(|j| matrix.iter().map(|r| r[j]).sum()).collect(),
    }
}

/// One whole-matrix metric; per-class metrics (precision, recall, …) are in
/// the rows and averages, and are undefined here.
pub fn metric_value(
    id: MetricId,
    matrix: &[Vec<u64>],
    rows: &[ClassRow],
    t: &Totals,
) -> MetricValue {
    use MetricId::*;
    const NONE: &str = "there are no examples";
    match id {
        Accuracy => divide(t.correct.into(), t.n.into(), NONE),
        BalancedAccuracy => {
            // scikit-learn: mean recall over the classes present in the truth.
            let recalls: Vec<f64> = rows.iter().filter_map(|r| r.recall).collect();
            mean(&recalls, NONE)
        }
        Mcc => mcc(matrix),
        CohenKappa => cohen_kappa(matrix),
        NoInformationRate => divide(
            (*t.support.iter().max().unwrap_or(&0)).into(),
            t.n.into(),
            NONE,
        ),
        ErrorRate | Precision | Recall | F1 | Fbeta | Specificity | Npv | Fpr | Fnr | Fdr
        | FalseOmissionRate | Prevalence | Informedness | Markedness | LrPlus | LrMinus | Dor
        | Jaccard | FowlkesMallows | GMean | RocAuc | AveragePrecision | LogLoss | BrierScore => {
            Err(Undefined(format!(
                "{} is not a whole-matrix multiclass metric",
                id.id()
            )))
        }
    }
}

/// Every number of a multiclass report on `matrix` (rows true, columns
/// predicted, in `labels` order), and the matrix totals.
pub fn multiclass_numbers(labels: &[String], matrix: &[Vec<u64>]) -> (ReportNumbers, Totals) {
    let per_class = class_rows(labels, matrix);
    let t = totals(matrix);
    let metrics: Vec<Metric> = MetricId::MULTICLASS
        .iter()
        .map(|&id| Metric {
            id,
            value: metric_value(id, matrix, &per_class, &t),
        })
        .collect();
    let intervals = wilson(t.correct, t.n)
        .map(|iv| vec![(MetricId::Accuracy, iv)])
        .unwrap_or_default();
    let no_information_rate = value_of(&metrics, MetricId::NoInformationRate);
    let accuracy_p_value =
        no_information_rate.and_then(|r| accuracy_above_rate_p_value(t.correct, t.n, r));
    let numbers = ReportNumbers {
        n: t.n,
        metrics,
        intervals,
        per_class,
        no_information_rate,
        accuracy_p_value,
    };
    (numbers, t)
}
