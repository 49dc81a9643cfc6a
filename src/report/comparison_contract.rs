//! The comparison report (`kind: "comparison"`): two models on the same
//! rows, side by side, with paired tests. Serialized types only;
//! `report/comparison.rs` fills them. Documented in `docs/json-contract.md`.

use crate::input::ingest::ModelKind;
use crate::report::contract::{OrderedMap, Report};
use crate::report::warnings::Warning;
use serde::Serialize;

/// Two models compared on the same examples.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComparisonReport {
    /// Always `"comparison"`.
    pub kind: &'static str,
    /// Examples (rows) both models were scored on.
    pub n: u64,
    /// The models' names: `[A, B]` (before, after).
    pub models: [String; 2],
    /// `"binary"` or `"multiclass"`.
    pub task_kind: &'static str,
    /// Model A's own report, as `fitcheck report` gives it.
    pub a: Report,
    /// Model B's own report.
    pub b: Report,
    /// Metric id → B − A, for every metric in both reports (`null` when
    /// either is undefined).
    pub delta: OrderedMap<Option<f64>>,
    /// The side-by-side table, in display order.
    pub differences: Vec<Difference>,
    /// Per-class F1 of each model and its change (multiclass only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_class: Option<Vec<ClassDelta>>,
    /// McNemar's test on the rows where exactly one model is right.
    pub mcnemar: McNemarJson,
    /// DeLong's test of the two ROC AUCs (both models give scores).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delong: Option<DelongJson>,
    /// Why DeLong's test is absent (a model without scores, too few
    /// positives or negatives).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delong_undefined: Option<String>,
    /// The paired bootstrap behind the intervals of the differences.
    pub bootstrap: BootstrapJson,
    /// What this test set can detect (McNemar's power, Connor 1987).
    pub power: PowerJson,
    /// The rows where one model is right and the other wrong.
    pub flips: Flips,
    /// Better, worse or no detectable difference, in words.
    pub verdict: ComparisonVerdict,
    /// What to keep in mind, most severe first.
    pub warnings: Vec<Warning>,
    /// Where the models came from.
    pub source: ComparisonSource,
    /// The options the comparison was made with.
    pub options: ComparisonOptionsJson,
}

/// What a difference's interval says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// B is better: the interval of B − A lies on the better side of 0.
    Better,
    /// B is worse: the interval lies on the worse side of 0.
    Worse,
    /// The interval includes 0.
    NoDetectableDifference,
    /// No interval (or no value) to judge by.
    Undefined,
}

/// One row of the side-by-side table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Difference {
    /// Metric id (`f1`, `macro_f1`, `roc_auc`, …).
    pub id: &'static str,
    /// The metric's name.
    pub name: &'static str,
    /// Model A's value.
    pub a: Option<f64>,
    /// Model B's value.
    pub b: Option<f64>,
    /// B − A.
    pub delta: Option<f64>,
    /// 95% interval of B − A (paired bootstrap, percentile).
    pub ci: Option<[f64; 2]>,
    /// `higher_is_better` or `lower_is_better`.
    pub direction: &'static str,
    /// Better, worse or no detectable difference.
    pub outcome: Outcome,
}

/// One class's F1 under each model (multiclass).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassDelta {
    /// The class.
    pub label: String,
    /// Model A's F1 for it.
    pub f1_a: Option<f64>,
    /// Model B's F1 for it.
    pub f1_b: Option<f64>,
    /// B − A.
    pub delta_f1: Option<f64>,
    /// True examples of the class.
    pub support: u64,
}

/// McNemar's test, as statsmodels' `mcnemar` and Fagerland et al. (2013).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct McNemarJson {
    /// Rows both models get right.
    pub both_right: u64,
    /// Rows only A gets right (B got them wrong: "got worse").
    pub a_only: u64,
    /// Rows only B gets right ("got better").
    pub b_only: u64,
    /// Rows both get wrong.
    pub both_wrong: u64,
    /// Exact binomial two-sided p.
    pub exact_p: f64,
    /// Mid-p (the recommended one).
    pub mid_p: f64,
    /// (b − c)² / (b + c).
    pub chi2: Option<f64>,
    /// Its χ²₁ p-value.
    pub chi2_p: Option<f64>,
    /// (|b − c| − 1)² / (b + c); 0 when b = c.
    pub chi2_corrected: Option<f64>,
    /// Its χ²₁ p-value; 1 when b = c.
    pub chi2_corrected_p: Option<f64>,
    /// Statistic → why it is `null`.
    pub undefined: OrderedMap<String>,
}

/// DeLong's test of two correlated ROC AUCs. Differences are B − A: the
/// same numbers as pROC's `roc.test(roc_b, roc_a, method = "delong",
/// paired = TRUE)`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DelongJson {
    /// A's AUC.
    pub auc_a: f64,
    /// B's AUC.
    pub auc_b: f64,
    /// DeLong variance of A's AUC.
    pub var_a: f64,
    /// DeLong variance of B's AUC.
    pub var_b: f64,
    /// Their covariance.
    pub covariance: f64,
    /// B − A.
    pub difference: f64,
    /// (B − A) / its standard error; `null` (with `undefined`) when the AUCs
    /// differ but the difference has no variance.
    pub z: Option<f64>,
    /// Two-sided p-value.
    pub p: f64,
    /// 95% interval of B − A.
    pub ci: [f64; 2],
    /// Statistic → why it is `null`.
    pub undefined: OrderedMap<String>,
}

/// One bootstrap interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BootDelta {
    /// B − A on the full data.
    pub estimate: f64,
    /// Percentile interval.
    pub ci: [f64; 2],
}

/// The paired bootstrap.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BootstrapJson {
    /// Resamples drawn.
    pub resamples: u32,
    /// Seed of the random numbers (the same seed gives the same intervals).
    pub seed: u64,
    /// 0.95.
    pub confidence: f64,
    /// How rows were resampled, in words.
    pub method: String,
    /// Metric id → interval of B − A.
    pub delta: OrderedMap<BootDelta>,
    /// Metric id → why it has no interval.
    pub undefined: OrderedMap<String>,
}

/// What the test set can detect.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PowerJson {
    /// The method and its settings.
    pub method: &'static str,
    /// Share of rows where the models disagree on right/wrong.
    pub discordant_share: f64,
    /// Smallest accuracy gain this test set detects at 80% power.
    pub detectable_gain: Option<f64>,
    /// Examples needed to detect a gain of one point (0.01) in accuracy.
    pub examples_for_one_point: Option<f64>,
    /// Why the figures are `null`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub undefined: Option<String>,
    /// The figures in one sentence (`null` when they are).
    pub sentence: Option<String>,
}

/// The rows that changed between the models.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Flips {
    /// Rows A got right and B wrong (got worse).
    pub a_only: u64,
    /// Rows A got wrong and B right (got better).
    pub b_only: u64,
    /// Lines of the first of them, in A's file.
    pub a_only_lines: Vec<u64>,
    /// Lines of the first of them, in A's file.
    pub b_only_lines: Vec<u64>,
    /// The first of them with their values.
    pub a_only_rows: Vec<FlipRow>,
    /// The first of them with their values.
    pub b_only_rows: Vec<FlipRow>,
    /// How many of each are listed at most.
    pub listed_at_most: u64,
}

/// One changed row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlipRow {
    /// Its line in A's file.
    pub line: u64,
    /// Its line in B's file (two files only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line_b: Option<u64>,
    /// The true label.
    pub truth: String,
    /// A's prediction or score, as text.
    pub a: String,
    /// B's prediction or score, as text.
    pub b: String,
}

/// Better, worse, or no detectable difference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ComparisonStatus {
    /// B is better on the watched metric.
    Better,
    /// B is worse on the watched metric.
    Worse,
    /// The data cannot tell them apart.
    NoDetectableDifference,
}

/// The comparison's verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComparisonVerdict {
    /// Better, worse or no detectable difference.
    pub status: ComparisonStatus,
    /// The metric judged (the task's watched metric).
    pub metric: &'static str,
    /// One or two sentences.
    pub headline: String,
    /// The evidence behind it.
    pub reasons: Vec<String>,
}

/// Where one model came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelSource {
    /// Its file.
    pub file: String,
    /// Its column.
    pub column: String,
    /// Labels or scores.
    pub kind: ModelKind,
    /// Whether the kind was detected rather than chosen.
    pub kind_guessed: bool,
    /// Scores turned into labels at the threshold for the label comparison.
    pub thresholded: bool,
}

/// Where the comparison came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComparisonSource {
    /// `"one_file"` or `"two_files"`.
    pub form: &'static str,
    /// The file names.
    pub files: Vec<String>,
    /// The true-label column (of the first file).
    pub truth: String,
    /// Model A.
    pub a: ModelSource,
    /// Model B.
    pub b: ModelSource,
}

/// The options in force.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComparisonOptionsJson {
    /// Score threshold (score models).
    pub threshold: f64,
    /// The positive class (binary).
    pub positive: Option<String>,
    /// Bootstrap resamples.
    pub resamples: u32,
    /// Bootstrap seed.
    pub seed: u64,
}

impl ComparisonReport {
    /// The report as pretty JSON (the CLI's `--json`).
    pub fn to_json(&self) -> String {
        // Plain structs of numbers and strings: serializing cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
    }
}
