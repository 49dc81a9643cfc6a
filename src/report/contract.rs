//! The report: the JSON contract of `../shared/design.md`, shared by the CLI
//! (`--json`) and the page (through wasm). Keys listed in the design are
//! stable; more may be added.
//!
//! Binary layout follows scikit-learn with labels `["0", "1"]` and
//! `pos_label` `"1"`: `confusion` is `[[tn, fp], [fn, tp]]`, rows true.

use crate::error::Error;
use crate::input::counts::ConfusionCounts;
use crate::metrics::binary::{binary_metrics, proportion_of};
use crate::metrics::id::{value_of, MetricId};
use crate::metrics::intervals::wilson;
use crate::metrics::per_class::{averages, class_rows, Averages, ClassRow};
use crate::metrics::significance::accuracy_above_rate_p_value;
use crate::options::ReportOptions;
use crate::report::explain::{explain_binary, Explanation};
use crate::report::verdict::{binary_verdict, Verdict};
use crate::report::warnings::{binary_warnings, BinaryEvidence, Warning};
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
    pub source: Option<crate::report::file_report::SourceInfo>,
    /// Suggested thresholds (score files).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operating_points: Option<Vec<crate::metrics::operating_points::OperatingPoint>>,
    /// ROC and precision–recall curves (score files).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub curves: Option<crate::report::score_report::Curves>,
    /// Threshold, score range, calibration and histograms (score files).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score_summary: Option<crate::report::score_report::ScoreSummary>,
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
}

/// A matrix of shares, `None` where the total it divides by is zero.
pub type ShareMatrix = Vec<Vec<Option<f64>>>;

/// Row and column shares of every cell of a square matrix, for display:
/// `(row_share, col_share)`, `None` where the row or column is empty.
pub fn matrix_shares(matrix: &[Vec<u64>]) -> (ShareMatrix, ShareMatrix) {
    let k = matrix.len();
    let col_totals: Vec<u64> = (0..k).map(|j| matrix.iter().map(|r| r[j]).sum()).collect();
    let share = |x: u64, total: u64| crate::metrics::divide::share(x, total);
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

/// Builds the full binary report for four counts.
///
/// ```
/// use fitcheck::{binary_report, ConfusionCounts, ReportOptions};
/// let c = ConfusionCounts::new(85, 15, 10, 90).unwrap();
/// let r = binary_report(&c, &ReportOptions::default()).unwrap();
/// assert_eq!(r.confusion, vec![vec![90, 10], vec![15, 85]]);
/// assert_eq!(r.metric("recall"), Some(0.85));
/// ```
pub fn binary_report(counts: &ConfusionCounts, options: &ReportOptions) -> Result<Report, Error> {
    binary_report_labeled(counts, options, &BinaryLabels::default())
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

/// Builds the full binary report for four counts with these class names.
pub fn binary_report_labeled(
    counts: &ConfusionCounts,
    options: &ReportOptions,
    names: &BinaryLabels,
) -> Result<Report, Error> {
    options.validate()?;
    let c = counts;
    let metrics = binary_metrics(c, options.beta);
    let intervals: Vec<(MetricId, (f64, f64))> = metrics
        .iter()
        .filter_map(|m| {
            m.value.as_ref().ok()?;
            let (x, n) = proportion_of(m.id, c)?;
            Some((m.id, wilson(x, n)?))
        })
        .collect();
    let value = |id: MetricId| value_of(&metrics, id);
    let nir = value(MetricId::NoInformationRate);
    let p_value = nir.and_then(|rate| accuracy_above_rate_p_value(c.tp + c.tn, c.n(), rate));
    let evidence = BinaryEvidence {
        counts: c,
        metrics: &metrics,
        intervals: &intervals,
        accuracy_p_value: p_value,
        options,
    };
    let warnings = binary_warnings(&evidence);
    let verdict = binary_verdict(c, &value, options, &warnings);
    let labels = names.labels.to_vec();
    let confusion = names.matrix(c);
    let per_class = class_rows(&labels, &confusion);
    let (confusion_row_share, confusion_col_share) = matrix_shares(&confusion);
    let averages = averages(&per_class, &confusion);
    let explanations = metrics
        .iter()
        .filter_map(|m| {
            let has_interval = intervals.iter().any(|(id, _)| *id == m.id);
            let explanation = explain_binary(m.id, c, &m.value, options.beta, has_interval)?;
            Some((m.id.to_string(), explanation))
        })
        .collect();
    Ok(Report {
        kind: "binary",
        n: c.n(),
        pos_label: Some(names.labels[names.pos_index].clone()),
        labels,
        confusion,
        confusion_row_share,
        confusion_col_share,
        counts: Some(CountsJson { tp: c.tp, fn_: c.fn_, fp: c.fp, tn: c.tn }),
        metrics: OrderedMap(metrics.iter().map(|m| (m.id.to_string(), m.value.clone().ok())).collect()),
        intervals: OrderedMap(intervals.iter().map(|(id, (lo, hi))| (id.to_string(), [*lo, *hi])).collect()),
        undefined: OrderedMap(
            metrics
                .iter()
                .filter_map(|m| m.value.as_ref().err().map(|why| (m.id.to_string(), why.0.clone())))
                .collect(),
        ),
        per_class,
        averages,
        significance: Significance {
            no_information_rate: nir,
            accuracy_p_value: p_value,
            test: "one-sided exact binomial test that accuracy exceeds the no-information rate (as R's caret)",
        },
        warnings,
        explanations: OrderedMap(explanations),
        verdict,
        options: *options,
        source: None,
        operating_points: None,
        curves: None,
        score_summary: None,
    })
}
