//! The leakage report (`kind: "leakage"`): how much of a test set its
//! training set already holds. Serialized types only; `report/leakage.rs`
//! fills them. Documented in `docs/json-contract.md`.

use crate::report::warnings::Warning;
use serde::Serialize;

/// A train/test pair checked for leakage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeakageReport {
    /// Always `"leakage"`.
    pub kind: &'static str,
    /// Data rows of the training file.
    pub train_rows: u64,
    /// Data rows of the test file.
    pub test_rows: u64,
    /// The compared columns (label included), in the training file's order.
    pub columns: Vec<String>,
    /// The label column; `null` without one.
    pub label: Option<String>,
    /// The ignored columns (as named in the training file).
    pub ignored: Vec<String>,
    /// Whether text was normalised before comparing.
    pub normalize_text: bool,
    /// Test rows whose whole row occurs in training (deepchecks `TrainTestSamplesMix`).
    pub test_in_train: RowsShare,
    /// Test rows whose features occur in training.
    pub test_in_train_ignoring_label: RowsShare,
    /// Test rows whose features occur in training with another label; `null` without a label.
    pub conflicting_labels: Option<RowsShare>,
    /// Training rows − distinct training rows (deepchecks `DataDuplicates`).
    pub train_duplicates: RowsShare,
    /// Test rows − distinct test rows.
    pub test_duplicates: RowsShare,
    /// The first 100 overlapping test rows and their first training copy.
    pub examples: Vec<LeakageExample>,
    /// The findings in words, most severe first.
    pub warnings: Vec<Warning>,
    /// Clean, watch or leaky, with one sentence.
    pub verdict: LeakageVerdict,
}

/// A count of rows and its share.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RowsShare {
    /// Rows.
    pub rows: u64,
    /// Rows ÷ the set's rows (test rows, or the set's own rows for duplicates).
    pub ratio: f64,
}

/// An overlapping test row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LeakageExample {
    /// Its line in the test file (1-based, header is line 1).
    pub test_line: u64,
    /// The line of its first copy in the training file.
    pub train_line: u64,
}

/// How far to trust scores measured on this test set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LeakageStatus {
    /// No test row is a training row and no label conflicts.
    Clean,
    /// Some overlap or conflicting labels, at most 5% of the test set.
    Watch,
    /// More than 5% of the test set is in training: scores are not trustworthy.
    Leaky,
}

/// The verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeakageVerdict {
    /// Clean, watch or leaky.
    pub status: LeakageStatus,
    /// One sentence.
    pub headline: String,
}

impl LeakageReport {
    /// The report as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        // Plain structs of numbers and strings: serializing cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
    }
}
