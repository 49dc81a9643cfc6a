//! The statistics of one confusion matrix that a comparison sets side by
//! side, as plain functions of the matrix: so the same code gives each
//! model's value, the difference, and every bootstrap resample's value.
//!
//! Binary matrices are 2×2 with the negative class first (rows true:
//! `[[tn, fp], [fn, tp]]`). Multiclass statistics cover the classes present
//! in the truth or the predictions of that matrix (scikit-learn's labels
//! rule): a class with an empty row and column is left out, so a class only
//! the other model predicts does not enter this model's averages.
//!
//! ```
//! use fitcheck::metrics::matrix_stats::MatrixStat;
//! use fitcheck::metrics::id::MetricId;
//! let m = vec![vec![90, 10], vec![15, 85]]; // tn fp / fn tp
//! assert_eq!(MatrixStat::Metric(MetricId::Accuracy).binary(&m, 1.0), Some(0.875));
//! assert_eq!(MatrixStat::Metric(MetricId::F1).binary(&m, 1.0), Some(170.0 / 195.0));
//! let three = vec![vec![5, 1, 0], vec![0, 4, 0], vec![0, 0, 0]]; // class 3 absent
//! assert_eq!(MatrixStat::MacroF1.multiclass(&three), Some((10.0 / 11.0 + 8.0 / 9.0) / 2.0));
//! ```

use crate::input::counts::ConfusionCounts;
use crate::metrics::agreement::{cohen_kappa, mcc};
use crate::metrics::binary::binary_metric;
use crate::metrics::id::{Direction, MetricId};
use crate::metrics::multiclass::{metric_value, totals};
use crate::metrics::per_class::{averages, class_rows};

/// One statistic of a confusion matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatrixStat {
    /// A metric of the report (binary: any; multiclass: accuracy, balanced
    /// accuracy, MCC, Cohen's kappa).
    Metric(MetricId),
    /// The unweighted mean of the per-class F1 scores.
    MacroF1,
    /// The per-class F1 scores weighted by support.
    WeightedF1,
}

/// What a binary comparison sets side by side.
pub const BINARY_STATS: [MatrixStat; 7] = [
    MatrixStat::Metric(MetricId::Accuracy),
    MatrixStat::Metric(MetricId::BalancedAccuracy),
    MatrixStat::Metric(MetricId::Precision),
    MatrixStat::Metric(MetricId::Recall),
    MatrixStat::Metric(MetricId::Specificity),
    MatrixStat::Metric(MetricId::F1),
    MatrixStat::Metric(MetricId::Mcc),
];

/// What a multiclass comparison sets side by side.
pub const MULTICLASS_STATS: [MatrixStat; 6] = [
    MatrixStat::Metric(MetricId::Accuracy),
    MatrixStat::Metric(MetricId::BalancedAccuracy),
    MatrixStat::Metric(MetricId::Mcc),
    MatrixStat::Metric(MetricId::CohenKappa),
    MatrixStat::MacroF1,
    MatrixStat::WeightedF1,
];

impl MatrixStat {
    /// The JSON id (`f1`, `macro_f1`, …).
    pub fn id(self) -> &'static str {
        match self {
            MatrixStat::Metric(m) => m.id(),
            MatrixStat::MacroF1 => "macro_f1",
            MatrixStat::WeightedF1 => "weighted_f1",
        }
    }

    /// The name people read.
    pub fn name(self) -> &'static str {
        match self {
            MatrixStat::Metric(m) => m.name(),
            MatrixStat::MacroF1 => "Macro F1",
            MatrixStat::WeightedF1 => "Weighted F1",
        }
    }

    /// Which way is better.
    pub fn direction(self) -> Direction {
        match self {
            MatrixStat::Metric(m) => m.direction(),
            MatrixStat::MacroF1 | MatrixStat::WeightedF1 => Direction::HigherIsBetter,
        }
    }

    /// The value on a binary matrix (negative class first); `None` when
    /// undefined or the matrix is not 2×2.
    pub fn binary(self, matrix: &[Vec<u64>], beta: f64) -> Option<f64> {
        let [neg, pos] = matrix else { return None };
        let (&[tn, fp], &[fn_, tp]) = (neg.as_slice(), pos.as_slice()) else {
            return None;
        };
        let counts = ConfusionCounts::new(tp, fn_, fp, tn).ok()?;
        match self {
            MatrixStat::Metric(m) => binary_metric(m, &counts, beta).ok(),
            MatrixStat::MacroF1 | MatrixStat::WeightedF1 => self.multiclass(matrix),
        }
    }

    /// The value on a multiclass matrix, over the classes present in it;
    /// `None` when undefined.
    pub fn multiclass(self, matrix: &[Vec<u64>]) -> Option<f64> {
        self.multiclass_over(matrix, false)
    }

    /// The value on a multiclass matrix over every class of it when
    /// `all_classes` (a class with no examples and no predictions counts in
    /// the averages with F1 0, as scikit-learn with `labels=` given), else
    /// as [`MatrixStat::multiclass`].
    pub fn multiclass_over(self, matrix: &[Vec<u64>], all_classes: bool) -> Option<f64> {
        let present: Vec<usize> = (0..matrix.len())
            .filter(|&i| {
                all_classes
                    || matrix[i].iter().any(|&c| c > 0)
                    || matrix.iter().any(|row| row[i] > 0)
            })
            .collect();
        let m: Vec<Vec<u64>> = present
            .iter()
            .map(|&i| present.iter().map(|&j| matrix[i][j]).collect())
            .collect();
        if m.is_empty() {
            return None;
        }
        let names = vec![String::new(); m.len()];
        let rows = class_rows(&names, &m);
        match self {
            MatrixStat::Metric(MetricId::Mcc) => mcc(&m).ok(),
            MatrixStat::Metric(MetricId::CohenKappa) => cohen_kappa(&m).ok(),
            MatrixStat::Metric(id) => metric_value(id, &m, &rows, &totals(&m)).ok(),
            MatrixStat::MacroF1 => Some(averages(&rows, &m).macro_avg.f1),
            MatrixStat::WeightedF1 => Some(averages(&rows, &m).weighted.f1),
        }
    }
}
