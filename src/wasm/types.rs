//! The TypeScript shapes of what crosses the boundary, emitted into
//! `www/pkg/fitcheck.d.ts` by wasm-bindgen. Keep them in step with
//! `docs/json-contract.md`, the serialized structs of `src/report/` and
//! `src/metrics/`, and the boundary structs in `mod.rs`: the page's JavaScript
//! is type-checked against them (`tsc --noEmit -p .` in `scripts/test.sh`),
//! so a field renamed here without the page following fails the build.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** A number, or text as typed (spaces trimmed; an empty box means "not given"). */
export type NumberInput = number | string;
/** Every setting, each optional: the core fills the defaults (see `defaults()`). */
export interface SettingsInput {
  beta?: NumberInput; task?: TaskId;
  minPrecision?: NumberInput; minRecall?: NumberInput; minF1?: NumberInput;
  threshold?: NumberInput; rank?: NumberInput;   // rank: slider position among distinct scores (overrides threshold)
  positive?: string;
  costFp?: NumberInput; costFn?: NumberInput; prevalence?: NumberInput; targetRecall?: NumberInput; targetPrecision?: NumberInput;
  curves?: "none" | "display" | "complete";
  maxClasses?: NumberInput;
  resamples?: NumberInput; seed?: NumberInput;   // bootstrap intervals (and a comparison's differences)
  monitor?: string; mode?: "" | "auto" | "min" | "max";   // training curves: monitored series and its direction
  patience?: NumberInput; minDelta?: NumberInput; smoothing?: NumberInput;   // training curves: early stopping, smoothing
}
/** Settings for a report on a loaded file. */
export type FileReportInput = SettingsInput;
/** Text of the four count fields as typed, plus the task settings. */
export interface CountsInput extends SettingsInput {
  tp: string; fn: string; fp: string; tn: string;
}
/** What `defaults()` returns: every default and limit, and the tasks. */
export interface Defaults {
  beta: number; max_beta: number; task: TaskId; min_precision: number; min_recall: number; min_f1: number;
  threshold: number; cost_fp: number; cost_fn: number; target_recall: number; target_precision: number;
  max_classes: number; resamples: number; min_resamples: number; max_resamples: number; seed: number;
  max_demo_size: number;
  smoothing: number; max_smoothing: number; patience: number; min_delta: number;   // training curves
  demo: { separation: number; prevalence: number; size: number; seed: number };
  tasks: { id: TaskId; description: string; watch: string; watch_name: string }[];
}
/** Metric ids of a report on four counts (and of every binary report), in report order. */
export type BinaryMetricId =
  | "accuracy" | "error_rate" | "precision" | "recall" | "f1" | "fbeta" | "specificity" | "npv"
  | "fpr" | "fnr" | "fdr" | "false_omission_rate" | "balanced_accuracy" | "mcc" | "cohen_kappa"
  | "prevalence" | "informedness" | "markedness" | "lr_plus" | "lr_minus" | "dor" | "jaccard"
  | "fowlkes_mallows" | "g_mean" | "no_information_rate";
/** Metric ids a scores file adds to the binary ones. */
export type ScoreMetricId = "roc_auc" | "average_precision" | "log_loss" | "brier_score";
/** Metric ids of a multiclass report. */
export type MulticlassMetricId = "accuracy" | "balanced_accuracy" | "mcc" | "cohen_kappa" | "no_information_rate";
/** Any metric id that can appear in `metrics`, `intervals`, `undefined` and `explanations`. */
export type MetricId = BinaryMetricId | ScoreMetricId | MulticlassMetricId;
/** A map keyed by metric id; only the report's own metrics are present. */
export type MetricMap<T> = { [id in MetricId]?: T };
/** The task ids (`options.task`, `verdict.task`). */
export type TaskId = "balanced" | "false_alarms_costly" | "misses_costly";
/** How serious a warning is. */
export type Severity = "low" | "medium" | "high";
/** One warning (most severe first in `Report.warnings`). */
export interface Warning { id: string; severity: Severity; message: string }
/** A metric explained with the user's numbers. */
export interface Explanation { name: string; formula: string; meaning: string; when: string; interval_method?: string }
/** One row of the per-class table; `null` where undefined (0/0). */
export interface ClassRow { label: string; precision: number | null; recall: number | null; f1: number | null; support: number }
/** Precision, recall and F1 averaged over classes. */
export interface Prf { precision: number; recall: number; f1: number }
/** Fit for the task or not, in words. */
export interface Verdict {
  status: "fit" | "borderline" | "not_fit";
  task: TaskId;
  watch: MetricId;            // the metric this task watches
  watch_label: string;        // "Recall (sensitivity) 0.1200, bar 0.85"
  headline: string;
  reasons: string[];
}
/** The options the report was made with (echoed back). */
export interface ReportOptions {
  beta: number;
  task: TaskId;
  thresholds: { min_precision: number; min_recall: number; min_f1: number };
}
/** A row skipped as bad, with its line in the file. */
export interface SkippedRow { line: number; message: string }
/** Where a file report's numbers came from (reports on files and the demo). */
export interface SourceInfo {
  rows: number; skipped_rows: number; skipped_samples: SkippedRow[];
  columns: string[]; truth_column: string; pred_column: string | null; score_column: string | null;
  mapping_guessed: boolean;
  delimiter: string;          // ",", ";", "tab", ...
  has_header: boolean;
  label_rule: "numeric" | "text";
  threshold?: number;         // only for score files
  positive_guessed: boolean;
  all_labels: string[];
}
/** A suggested threshold (score files). */
export interface OperatingPoint {
  id: "best_f1" | "best_fbeta" | "youden" | "min_cost" | "precision_at_recall" | "recall_at_precision";
  name: string; threshold: number; rank: number;
  tp: number; fp: number; fn: number; tn: number;
  precision: number; recall: number; sentence: string;
}
/** Points of a curve; `thresholds[i]` is `null` for an end point that has none. */
export interface CurvePoints { x: number[]; y: number[]; thresholds: (number | null)[] }
/** ROC (x = FPR, y = TPR; `null` with one class) and PR (x = recall, y = precision; `null` without positives). */
export interface Curves { roc: CurvePoints | null; pr: CurvePoints | null; complete: boolean }
/** One bin of the reliability diagram. */
export interface CalibrationBin { low: number; high: number; count: number; mean_score: number; fraction_positive: number }
/** The reliability diagram and its expected calibration error. */
export interface Calibration { bins: CalibrationBin[]; ece: number }
/** Score histograms of positives and negatives over the same `edges` (one more edge than bins). */
export interface Histogram { edges: number[]; positives: number[]; negatives: number[] }
/** The score side of a report (score files and the demo). */
export interface ScoreSummary {
  threshold: number; rank: number; called_positive: number; distinct_thresholds: number;
  min_score: number; max_score: number; probabilities: boolean;
  calibration: Calibration | null; histogram: Histogram | null;
}
/** The report of ../shared/design.md (same JSON as `fitcheck --json`), see `src/report/contract.rs`. */
/** One true class taken for another (`share_of_truth`: of the true class's examples). */
export interface ConfusedPair { truth: string; predicted: string; count: number; share_of_truth: number | null }
/** The largest off-diagonal cells, largest first (ties in matrix order), at most 20. */
export interface ConfusedPairs { pairs: ConfusedPair[]; pairs_with_mistakes: number }
export interface Report {
  kind: "binary" | "multiclass"; n: number;
  pos_label?: string;         // binary only
  labels: string[];
  confusion: number[][];      // rows true, columns predicted, in `labels` order
  confusion_row_share: (number | null)[][];   // null for an empty row
  confusion_col_share: (number | null)[][];   // null for an empty column
  counts?: { tp: number; fn: number; fp: number; tn: number };   // binary only
  metrics: MetricMap<number | null>;
  intervals: MetricMap<[number, number]>;
  undefined: MetricMap<string>;                // why, for every null metric
  per_class: ClassRow[];
  averages: { macro: Prf; weighted: Prf; micro: Prf };
  significance: { no_information_rate: number | null; accuracy_p_value: number | null; test: string };
  warnings: Warning[];
  explanations: MetricMap<Explanation>;
  verdict: Verdict;
  options: ReportOptions;
  source?: SourceInfo;                         // reports on files
  operating_points?: OperatingPoint[];         // score files
  curves?: Curves;                             // score files, when asked for
  score_summary?: ScoreSummary;                // score files
  confused_pairs?: ConfusedPairs;              // multiclass only
}
/**
 * A threshold move (`LoadedFile.atThreshold`): the report at a new threshold
 * without what a threshold cannot change; the page keeps those from the last
 * full report (source, operating points, curves, calibration, histogram).
 */
export type ThresholdReport = Omit<Report, "source" | "operating_points" | "curves" | "score_summary"> & {
  score_summary?: Omit<ScoreSummary, "calibration" | "histogram"> & { calibration: null; histogram: null };
};
/** How to read a CSV file; everything is detected when left out. */
export interface IngestInput {
  delimiter?: string; hasHeader?: boolean;
  truth?: string | number; pred?: string | number; score?: string | number;  // header name or 1-based number
  skipBadRows?: boolean; maxClasses?: NumberInput;
  expectedBytes?: number;   // the file's size, so columns are allocated once
}
/** The teaching demo: class separation d′ (0–6), prevalence (0–1), size (10–1,000,000), seed. */
export interface DemoInput { separation?: NumberInput; prevalence?: NumberInput; size?: NumberInput; seed?: NumberInput }
/** Thrown errors carry `kind` ("row", "file", "need_mapping", "need_positive", "too_many_classes", "too_large", "invalid_count", "cancelled", ...),
 *  and when known the input `field`, the file `line`, and the `columns` to choose from. */
export interface FitcheckError extends Error { kind: string; field?: string; line?: number; columns?: string[] }
/** An error as the ingest worker posts it (a plain object: `Error`s do not survive postMessage). */
export interface ErrorInfo { message: string; kind: string; line?: number; columns?: string[]; field?: string }
/** Messages the page sends to `www/ingest-worker.js`. */
export type WorkerRequest =
  | { type: "load"; id: number; source: Blob | string; ingest?: IngestInput; report?: FileReportInput }
  | { type: "demo"; id: number; demo?: DemoInput; report?: FileReportInput }
  | { type: "report"; id: number; report?: FileReportInput }
  | { type: "threshold"; id: number; rank?: number; threshold?: number }   // a move: the last report's settings, this threshold
  | { type: "cancel"; id?: number };   // stops the read with that id (any read without one)
/** Messages the ingest worker sends back; `id` is that of the request answered. */
export type WorkerReply =
  | { type: "progress"; id: number; bytes: number; total: number; rows: number; elapsedMs: number }
  | { type: "report"; id: number; report: Report; elapsedMs?: number }
  | { type: "threshold"; id: number; json: string; elapsedMs: number }   // json: a ThresholdReport as JSON text
  | { type: "error"; id: number; error: ErrorInfo };
"#;

#[wasm_bindgen(typescript_custom_section)]
const TS_COMPARISON_TYPES: &'static str = r#"
/** How to read a comparison: one file with the truth and two model columns, or two files with one each. */
export interface CompareReadInput {
  delimiter?: string; hasHeader?: boolean;
  truth?: string | number; a?: string | number; b?: string | number;   // header name or 1-based number
  aKind?: "" | "score" | "label"; bKind?: "" | "score" | "label";     // "" or absent: detected
  maxClasses?: NumberInput;
}
/** Settings of a comparison report: the file settings plus the bootstrap's. */
export type CompareInput = SettingsInput;
/** What a difference's interval says. */
export type Outcome = "better" | "worse" | "no_detectable_difference" | "undefined";
/** One row of the side-by-side table (B − A). */
export interface Difference {
  id: string; name: string; a: number | null; b: number | null; delta: number | null;
  ci: [number, number] | null; direction: "higher_is_better" | "lower_is_better" | "neither"; outcome: Outcome;
}
/** Per-class F1 of each model (multiclass). */
export interface ClassDelta { label: string; f1_a: number | null; f1_b: number | null; delta_f1: number | null; support: number }
/** McNemar's test on the discordant rows. */
export interface McNemarResult {
  both_right: number; a_only: number; b_only: number; both_wrong: number;
  exact_p: number; mid_p: number;
  chi2: number | null; chi2_p: number | null; chi2_corrected: number | null; chi2_corrected_p: number | null;
  undefined: { [statistic: string]: string };
}
/** DeLong's test of the two AUCs; differences are B − A. */
export interface DelongResult {
  auc_a: number; auc_b: number; var_a: number; var_b: number; covariance: number;
  difference: number; z: number | null; p: number; ci: [number, number];
  undefined: { [statistic: string]: string };
}
/** The paired bootstrap behind the intervals. */
export interface BootstrapResult {
  resamples: number; seed: number; confidence: number; method: string;
  delta: { [id: string]: { estimate: number; ci: [number, number] } };
  undefined: { [id: string]: string };
}
/** What this test set can detect. */
export interface PowerResult {
  method: string; discordant_share: number;
  detectable_gain: number | null; examples_for_one_point: number | null; undefined?: string;
  sentence: string | null;
}
/** One flipped row: its line (in B's file too, for two files), the truth and both models' values. */
export interface FlipRow { line: number; line_b?: number; truth: string; a: string; b: string }
/** The rows where one model is right and the other wrong. */
export interface Flips {
  a_only: number; b_only: number; a_only_lines: number[]; b_only_lines: number[];
  a_only_rows: FlipRow[]; b_only_rows: FlipRow[]; listed_at_most: number;
}
/** Where one model came from. */
export interface ModelSource { file: string; column: string; kind: "score" | "label"; kind_guessed: boolean; thresholded: boolean }
/** Two models on the same rows (`fitcheck compare --json`), see `src/report/comparison_contract.rs`. */
export interface ComparisonReport {
  kind: "comparison"; n: number; models: [string, string]; task_kind: "binary" | "multiclass";
  a: Report; b: Report;
  delta: { [id: string]: number | null };
  differences: Difference[];
  per_class?: ClassDelta[];
  mcnemar: McNemarResult;
  delong?: DelongResult;
  delong_undefined?: string;
  bootstrap: BootstrapResult;
  power: PowerResult;
  flips: Flips;
  verdict: { status: "better" | "worse" | "no_detectable_difference"; metric: string; headline: string; reasons: string[] };
  warnings: Warning[];
  source: { form: "one_file" | "two_files"; files: string[]; truth: string; a: ModelSource; b: ModelSource };
  options: { threshold: number; positive: string | null; resamples: number; seed: number };
}
/** Two models' four counts as typed, plus the task settings. */
export interface CompareCountsInput extends SettingsInput {
  a: { tp: string; fn: string; fp: string; tn: string };
  b: { tp: string; fn: string; fp: string; tn: string };
}
/** One end of the range of discordant pairs the counts allow, with McNemar's p there. */
export interface DiscordantEnd { a_only: number; b_only: number; exact_p: number; mid_p: number }
/** Two models compared from their counts alone (`fitcheck compare --counts-a … --counts-b … --json`). */
export interface CountsComparison {
  kind: "counts_comparison"; n: number; models: [string, string];
  a: Report; b: Report;
  delta: { [id: string]: number | null };
  discordant: { min: DiscordantEnd; max: DiscordantEnd };
  unpaired: { [id: string]: { a: number; b: number; delta: number; ci: [number, number]; method: string } };
  unpaired_undefined: { [id: string]: string };
  differences: Difference[];   // unpaired intervals (method in `unpaired`)
  advice: string;
  verdict: { status: "better" | "worse" | "no_detectable_difference" | "depends_on_pairing"; headline: string; reasons: string[] };
  warnings: Warning[];
}
/** Messages the page sends to `www/compare-worker.js`. */
export type CompareWorkerRequest =
  | { type: "load"; id: number; sources: (Blob | string)[]; names: string[]; read?: CompareReadInput; report?: CompareInput }
  | { type: "report"; id: number; report?: CompareInput }
  | { type: "flips"; id: number }
  | { type: "markdown"; id: number }
  | { type: "cancel"; id?: number };
/** Messages the compare worker sends back. */
export type CompareWorkerReply =
  | { type: "progress"; id: number; bytes: number; total: number; rows: number; elapsedMs: number; file?: number }
  | { type: "report"; id: number; report: ComparisonReport; elapsedMs?: number }
  | { type: "flips"; id: number; csv: string }
  | { type: "markdown"; id: number; markdown: string }
  | { type: "error"; id: number; error: ErrorInfo };
"#;

#[wasm_bindgen(typescript_custom_section)]
const TS_TRAINING_TYPES: &'static str = r#"
/** One series of a training log: values as logged (`null` where not finite) and TensorBoard-smoothed. */
export interface TrainingSeries {
  role: "train_loss" | "val_loss" | "val_metric" | "learning_rate" | "other";
  x: number[]; y: (number | null)[]; smoothed: (number | null)[];
  points: number; complete: boolean;   // points before thinning; false when thinned for drawing
}
/** A training run judged from its logs (`fitcheck training --json`), see `src/report/training_contract.rs`. */
export interface TrainingReport {
  kind: "training";
  format: "hf_trainer_state" | "keras_csv" | "lightning_csv" | "tensorboard_csv" | "csv";
  x: "step" | "epoch"; files: string[];
  series: { [name: string]: TrainingSeries };
  monitor: string | null; mode: "min" | "max";
  best: { index: number; x: number; value: number } | null;
  hf_best?: { best_metric: number | null; best_model_checkpoint: string | null; best_global_step: number | null; agrees: boolean | null };
  early_stopping: { patience: number; min_delta: number; stopped_index: number | null; stopped_x: number | null;
                    best_index: number | null; best_x: number | null; best_value: number | null };
  findings: { [id: string]: { [key: string]: unknown } };
  warnings: Warning[];
  verdict: { status: "healthy" | "watch" | "unhealthy"; headline: string; reasons: string[]; checkpoint: number | null };
  summary?: { [key: string]: number };
  options: { monitor: string | null; mode: "min" | "max"; mode_inferred: boolean; patience: number; min_delta: number; smoothing: number;
             presets: { [library: string]: { patience: number; min_delta: number } } };
}
/** Messages the page sends to `www/training-worker.js`. */
export type TrainingWorkerRequest =
  | { type: "load"; id: number; sources: (Blob | string)[]; names: string[]; report?: SettingsInput }
  | { type: "report"; id: number; report?: SettingsInput }
  | { type: "markdown"; id: number }
  | { type: "cancel"; id?: number };
/** Messages the training worker sends back. */
export type TrainingWorkerReply =
  | { type: "progress"; id: number; bytes: number; total: number; rows: number; elapsedMs: number; file?: number }
  | { type: "report"; id: number; report: TrainingReport; elapsedMs?: number }
  | { type: "markdown"; id: number; markdown: string }
  | { type: "error"; id: number; error: ErrorInfo };
"#;

#[wasm_bindgen(typescript_custom_section)]
const TS_LEAKAGE_TYPES: &'static str = r#"
/** Options of the leakage check (`fitcheck leakage --label --ignore --normalize-text`). */
export interface LeakageOptions { label?: string; ignore?: string[]; normalizeText?: boolean; skipBadRows?: boolean }
/** A count of rows and its share. */
export interface RowsShare { rows: number; ratio: number }
/** A train/test pair checked for leakage (`fitcheck leakage --json`), see `src/report/leakage_contract.rs`. */
export interface LeakageReport {
  kind: "leakage";
  train_rows: number; test_rows: number;
  columns: string[]; label: string | null; ignored: string[]; normalize_text: boolean;
  test_in_train: RowsShare; test_in_train_ignoring_label: RowsShare; conflicting_labels: RowsShare | null;
  train_duplicates: RowsShare; test_duplicates: RowsShare;
  examples: { test_line: number; train_line: number }[];
  warnings: Warning[];
  verdict: { status: "clean" | "watch" | "leaky"; headline: string };
}
/** Messages the page sends to `www/leakage-worker.js`. */
export type LeakageWorkerRequest =
  | { type: "load"; id: number; sources: (Blob | string)[]; names: string[]; options?: LeakageOptions }
  | { type: "markdown"; id: number }
  | { type: "examples"; id: number }
  | { type: "cancel"; id?: number };
/** Messages the leakage worker sends back. */
export type LeakageWorkerReply =
  | { type: "progress"; id: number; bytes: number; total: number; rows: number; elapsedMs: number; file?: number }
  | { type: "report"; id: number; report: LeakageReport; elapsedMs?: number }
  | { type: "markdown"; id: number; markdown: string }
  | { type: "examples"; id: number; csv: string }
  | { type: "error"; id: number; error: ErrorInfo };
"#;
