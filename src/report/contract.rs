//! The report: the JSON contract of `docs/json-contract.md`, shared by the CLI
//! (`--json`) and the page (through wasm). Keys listed in the design are
//! stable; more may be added. Serialized types only: `report/assemble.rs`
//! fills them.
//!
//! Binary layout follows scikit-learn with labels `["0", "1"]` and
//! `pos_label` `"1"`: `confusion` is `[[tn, fp], [fn, tp]]`, rows true.

use crate::input::counts::ConfusionCounts;
use crate::input::ingest::SkippedRow;
use crate::metrics::calibration::{Calibration, Histogram};
use crate::metrics::curve::CurvePoints;
use crate::metrics::per_class::{Averages, ClassRow, ShareMatrix};
use crate::options::ReportOptions;
use crate::report::explain::Explanation;
use crate::report::verdict::Verdict;
use crate::report::warnings::Warning;
use serde::ser::{Serialize, SerializeMap, Serializer};

/// A map that keeps insertion order when serialized (metrics in the order
/// the design lists them, not alphabetical).
#[derive(Debug, Clone, PartialEq)]
pub struct OrderedMap<T>(pub Vec<(String, T)>);

impl<T> OrderedMap<T> {
    /// The value stored under `key`.
    pub fn get(&self, key: &str) -> Option<&T> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

impl<T: Serialize> Serialize for OrderedMap<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// The four counts under their contract names.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct CountsJson {
    /// True positives.
    pub tp: u64,
    /// False negatives.
    #[serde(rename = "fn")]
    pub fn_: u64,
    /// False positives.
    pub fp: u64,
    /// True negatives.
    pub tn: u64,
}

/// Whether accuracy beats always guessing the majority class.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Significance {
    /// Share of the largest true class.
    pub no_information_rate: Option<f64>,
    /// One-sided exact binomial p-value that accuracy exceeds it.
    pub accuracy_p_value: Option<f64>,
    /// The test's name.
    pub test: &'static str,
}

/// A full report, serialized as the design's JSON contract.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Report {
    /// `"binary"` or `"multiclass"`.
    pub kind: &'static str,
    /// Number of examples.
    pub n: u64,
    /// The positive class (binary only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pos_label: Option<String>,
    /// Class labels, sorted as scikit-learn sorts them.
    pub labels: Vec<String>,
    /// Rows true, columns predicted, in `labels` order.
    pub confusion: Vec<Vec<u64>>,
    /// Each cell as a share of its row (true class) total; `null` for an empty row.
    pub confusion_row_share: ShareMatrix,
    /// Each cell as a share of its column (predicted class) total; `null` for an empty column.
    pub confusion_col_share: ShareMatrix,
    /// The four counts (binary only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counts: Option<CountsJson>,
    /// Metric id → value; `null` when undefined.
    pub metrics: OrderedMap<Option<f64>>,
    /// Metric id → 95% interval `[low, high]`; method in the explanations.
    pub intervals: OrderedMap<[f64; 2]>,
    /// Metric id → why it is undefined, for every `null` metric.
    pub undefined: OrderedMap<String>,
    /// One row per class, as scikit-learn's `classification_report`.
    pub per_class: Vec<ClassRow>,
    /// Macro, weighted and micro averages of the per-class values.
    pub averages: Averages,
    /// Accuracy against the no-information rate.
    pub significance: Significance,
    /// The traps, most severe first.
    pub warnings: Vec<Warning>,
    /// Metric id → formula with the user's numbers, meaning, when to use it.
    pub explanations: OrderedMap<Explanation>,
    /// Fit for the task or not, in words.
    pub verdict: Verdict,
    /// The options the report was made with.
    pub options: ReportOptions,
    /// Where the data came from, for reports on files.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceInfo>,
    /// Suggested thresholds (score files).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operating_points: Option<Vec<OperatingPointEntry>>,
    /// ROC and precision–recall curves (score files).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub curves: Option<Curves>,
    /// Threshold, score range, calibration and histograms (score files).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score_summary: Option<ScoreSummary>,
    /// The most confused pairs of classes (multiclass only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confused_pairs: Option<ConfusedPairs>,
}

/// The largest off-diagonal cells of a multiclass matrix, largest first
/// (ties in matrix order), at most [`crate::metrics::confused::CONFUSED_PAIRS`].
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ConfusedPairs {
    /// The pairs, largest count first.
    pub pairs: Vec<ConfusedPair>,
    /// How many off-diagonal cells hold any example at all.
    pub pairs_with_mistakes: u64,
}

/// One true class taken for another.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ConfusedPair {
    /// The true class.
    pub truth: String,
    /// The class it was predicted as.
    pub predicted: String,
    /// Examples of `truth` predicted as `predicted`.
    pub count: u64,
    /// That count as a share of the true class (`confusion_row_share`).
    pub share_of_truth: Option<f64>,
}

impl Report {
    /// A metric's value; `None` if undefined or absent.
    pub fn metric(&self, id: &str) -> Option<f64> {
        self.metrics.get(id).copied().flatten()
    }

    /// Whether a warning with this id was raised.
    pub fn has_warning(&self, id: &str) -> bool {
        self.warnings.iter().any(|w| w.id == id)
    }

    /// The report as pretty JSON (the CLI's `--json`).
    pub fn to_json(&self) -> String {
        // Serializing plain structs of numbers and strings cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
    }

    /// The report as compact JSON (what the page parses: the same values
    /// as `to_json`, without the whitespace).
    pub fn to_compact_json(&self) -> String {
        compact_json(self)
    }
}

/// A report (plain structs of numbers and strings) as compact JSON: the
/// text the page parses. Serializing such structs cannot fail; were it to,
/// the text is still valid JSON that says so (no error formatting, which
/// the page's core would carry for nothing).
pub fn compact_json<T: Serialize>(report: &T) -> String {
    serde_json::to_string(report)
        .unwrap_or_else(|_| String::from("{\"error\": \"the report could not be serialised\"}"))
}

/// The two class names of a binary report, sorted as scikit-learn sorts
/// them, and which one is positive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BinaryLabels {
    /// Both labels in sorted order.
    pub labels: [String; 2],
    /// Index (0 or 1) of the positive label in `labels`.
    pub pos_index: usize,
}

impl Default for BinaryLabels {
    /// `["0", "1"]` with `"1"` positive.
    fn default() -> Self {
        BinaryLabels {
            labels: ["0".to_string(), "1".to_string()],
            pos_index: 1,
        }
    }
}

impl BinaryLabels {
    /// The matrix in `labels` order, rows true: `[[tn, fp], [fn, tp]]` when
    /// the positive label sorts last, `[[tp, fn], [fp, tn]]` when first.
    pub fn matrix(&self, c: &ConfusionCounts) -> Vec<Vec<u64>> {
        if self.pos_index == 1 {
            vec![vec![c.tn, c.fp], vec![c.fn_, c.tp]]
        } else {
            vec![vec![c.tp, c.fn_], vec![c.fp, c.tn]]
        }
    }
}

/// Where a file report's numbers came from.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SourceInfo {
    /// Rows used.
    pub rows: u64,
    /// Rows skipped as bad.
    pub skipped_rows: u64,
    /// The first few skipped rows with their line numbers.
    pub skipped_samples: Vec<SkippedRow>,
    /// Every column name.
    pub columns: Vec<String>,
    /// The true-label column.
    pub truth_column: String,
    /// The predicted-label column, if used.
    pub pred_column: Option<String>,
    /// The score column, if used.
    pub score_column: Option<String>,
    /// Whether the columns were guessed from position rather than names.
    pub mapping_guessed: bool,
    /// The delimiter, as text (`,`, `;`, `tab`).
    pub delimiter: String,
    /// Whether the first row was a header.
    pub has_header: bool,
    /// `"numeric"` when labels were compared as numbers, else `"text"`.
    pub label_rule: &'static str,
    /// The threshold applied to scores.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub threshold: Option<f64>,
    /// Whether the positive label was guessed rather than recognised or chosen.
    pub positive_guessed: bool,
    /// Every label seen in the true-label column (and predictions), sorted.
    pub all_labels: Vec<String>,
}

/// ROC and PR curve points.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Curves {
    /// ROC: x = false positive rate, y = true positive rate; `null` with one class.
    pub roc: Option<CurvePoints>,
    /// PR: x = recall, y = precision; `null` without positives.
    pub pr: Option<CurvePoints>,
    /// Whether every point is included (`--curves`) or the curves were
    /// thinned to at most `score_report::DISPLAY_POINTS` for drawing.
    pub complete: bool,
}

/// The score side of a report.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
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

/// One suggested threshold with its name and reason.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct OperatingPointEntry {
    /// Stable id: `best_f1`, `best_fbeta`, `youden`, `min_cost`,
    /// `precision_at_recall`, `recall_at_precision`.
    pub id: &'static str,
    /// Short name for a button.
    pub name: String,
    /// The threshold (scores at or above it are positive).
    pub threshold: f64,
    /// Its slider rank (0 = lowest distinct score).
    pub rank: usize,
    /// True positives there.
    pub tp: u64,
    /// False positives there.
    pub fp: u64,
    /// False negatives there (`fn` in JSON, as in the report's `counts`).
    #[serde(rename = "fn")]
    pub fn_: u64,
    /// True negatives there.
    pub tn: u64,
    /// Precision there.
    pub precision: f64,
    /// Recall there.
    pub recall: f64,
    /// What the point optimises, as a sentence with its numbers.
    pub sentence: String,
}
