//! Per-class precision, recall, F1 and support, and their macro, weighted
//! and micro averages, from any square confusion matrix — scikit-learn's
//! `precision_recall_fscore_support` and `classification_report`.
//!
//! Per-class values that are 0/0 are `None` here (shown "undefined"); in the
//! averages they count as 0, scikit-learn's default `zero_division` — the
//! report says so in an `undefined_metric` warning.

use crate::metrics::divide::{ratio, share};
use serde::Serialize;

/// One row of the per-class table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassRow {
    /// The class label.
    pub label: String,
    /// Of the examples predicted as this class, the share that truly are.
    pub precision: Option<f64>,
    /// Of the examples truly of this class, the share predicted as it.
    pub recall: Option<f64>,
    /// Harmonic mean of the two: `2·TP / (2·TP + FP + FN)` for this class.
    pub f1: Option<f64>,
    /// How many examples truly belong to this class.
    pub support: u64,
}

/// Precision, recall and F1 of one averaging method.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Prf {
    /// Averaged precision.
    pub precision: f64,
    /// Averaged recall.
    pub recall: f64,
    /// Averaged F1.
    pub f1: f64,
}

/// The three averages scikit-learn offers.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Averages {
    /// Unweighted mean over classes: every class counts the same.
    #[serde(rename = "macro")]
    pub macro_avg: Prf,
    /// Mean weighted by support: common classes count more.
    pub weighted: Prf,
    /// Pooled counts over all classes; for single-label data all three equal accuracy.
    pub micro: Prf,
}

/// One row per label, in the matrix's order (rows true, columns predicted).
pub fn class_rows(labels: &[String], matrix: &[Vec<u64>]) -> Vec<ClassRow> {
    let k = matrix.len();
    let col_sum = |j: usize| matrix.iter().map(|row| row[j]).sum::<u64>();
    (0..k)
        .map(|i| {
            let tp = matrix[i][i];
            let support: u64 = matrix[i].iter().sum();
            let predicted = col_sum(i);
            ClassRow {
                label: labels[i].clone(),
                precision: share(tp, predicted),
                recall: share(tp, support),
                f1: share(2 * tp, support + predicted),
                support,
            }
        })
        .collect()
}

/// Macro, weighted and micro averages of the rows, undefined values as 0.
pub fn averages(rows: &[ClassRow], matrix: &[Vec<u64>]) -> Averages {
    // An average over no classes, or over no examples, is 0 as well.
    let k = rows.len() as f64;
    let total: u64 = rows.iter().map(|r| r.support).sum();
    let mean = |f: &dyn Fn(&ClassRow) -> Option<f64>| {
        ratio(rows.iter().map(|r| f(r).unwrap_or(0.0)).sum::<f64>(), k).unwrap_or(0.0)
    };
    let weighted = |f: &dyn Fn(&ClassRow) -> Option<f64>| {
        let sum = rows
            .iter()
            .map(|r| f(r).unwrap_or(0.0) * r.support as f64)
            .sum::<f64>();
        ratio(sum, total as f64).unwrap_or(0.0)
    };
    let correct: u64 = (0..matrix.len()).map(|i| matrix[i][i]).sum();
    let micro = share(correct, total).unwrap_or(0.0);
    Averages {
        macro_avg: Prf {
            precision: mean(&|r| r.precision),
            recall: mean(&|r| r.recall),
            f1: mean(&|r| r.f1),
        },
        weighted: Prf {
            precision: weighted(&|r| r.precision),
            recall: weighted(&|r| r.recall),
            f1: weighted(&|r| r.f1),
        },
        micro: Prf {
            precision: micro,
            recall: micro,
            f1: micro,
        },
    }
}

/// A matrix of shares, `None` where the total it divides by is zero.
pub type ShareMatrix = Vec<Vec<Option<f64>>>;

/// Row and column shares of every cell of a square matrix, for display:
/// `(row_share, col_share)`, `None` where the row or column is empty.
pub fn matrix_shares(matrix: &[Vec<u64>]) -> (ShareMatrix, ShareMatrix) {
    let k = matrix.len();
    let col_totals: Vec<u64> = (0..k).map(|j| matrix.iter().map(|r| r[j]).sum()).collect();
    let rows = matrix
        .iter()
        .map(|r| {
            let total: u64 = r.iter().sum();
            r.iter().map(|&x| share(x, total)).collect()
        })
        .collect();
    let cols = matrix
        .iter()
        .map(|r| {
            r.iter()
                .enumerate()
                .map(|(j, &x)| share(x, col_totals[j]))
                .collect()
        })
        .collect();
    (rows, cols)
}
