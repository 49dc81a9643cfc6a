//! The training report (`kind: "training"`): a run's curves from its logs,
//! smoothed as TensorBoard smooths them, the best checkpoint, the
//! early-stopping simulation and the diagnosis. Serialized types only;
//! `report/training.rs` fills them. Documented in `docs/json-contract.md`.

use crate::report::contract::OrderedMap;
use crate::report::training_words::TrainingVerdict;
use crate::report::warnings::Warning;
use serde::Serialize;

/// A training run judged from its logs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrainingReport {
    /// Always `"training"`.
    pub kind: &'static str,
    /// `hf_trainer_state`, `keras_csv`, `lightning_csv`, `tensorboard_csv` or `csv`.
    pub format: &'static str,
    /// `"step"` or `"epoch"`: what the x values count.
    pub x: &'static str,
    /// The files read.
    pub files: Vec<String>,
    /// Series name → its points, as named in the file.
    pub series: OrderedMap<SeriesJson>,
    /// The monitored series (best checkpoint, early stopping).
    pub monitor: Option<String>,
    /// `"min"` or `"max"`: which way the monitored series improves.
    pub mode: &'static str,
    /// The best monitored value; `null` without a finite one.
    pub best: Option<BestJson>,
    /// The Hugging Face file's own best checkpoint, and whether it agrees.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hf_best: Option<HfBestJson>,
    /// Where early stopping with these settings would have stopped.
    pub early_stopping: EarlyStoppingJson,
    /// Diagnosis id → its numbers.
    pub findings: OrderedMap<serde_json::Value>,
    /// The diagnosis in words, most severe first.
    pub warnings: Vec<Warning>,
    /// Healthy, watch or unhealthy, and the checkpoint to keep.
    pub verdict: TrainingVerdict,
    /// The Hugging Face summary entry (run means and times), when present;
    /// values that are not finite numbers in the file (`NaN`, `Infinity`)
    /// are left out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<OrderedMap<f64>>,
    /// The options in force and the early-stopping presets.
    pub options: TrainingOptionsJson,
}

/// One series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesJson {
    /// `train_loss`, `val_loss`, `val_metric`, `learning_rate` or `other`.
    pub role: &'static str,
    /// x values (step or epoch).
    pub x: Vec<f64>,
    /// Values as logged; `null` where not finite.
    pub y: Vec<Option<f64>>,
    /// TensorBoard-smoothed values; `null` where the value is not finite.
    pub smoothed: Vec<Option<f64>>,
    /// Points in the series (before any thinning for drawing).
    pub points: u64,
    /// False when thinned for drawing.
    pub complete: bool,
}

/// The best point of the monitored series.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BestJson {
    /// 0-based index in the monitored series.
    pub index: u64,
    /// Its x (step or epoch).
    pub x: f64,
    /// Its value.
    pub value: f64,
}

/// A Hugging Face file's own best checkpoint.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HfBestJson {
    /// `best_metric`; `null` when the file has none or it is not finite
    /// (Python's bare `NaN`).
    pub best_metric: Option<f64>,
    /// `best_model_checkpoint`.
    pub best_model_checkpoint: Option<String>,
    /// `best_global_step`.
    pub best_global_step: Option<u64>,
    /// Whether the file's best is the computed best (`null` when the file names none).
    pub agrees: Option<bool>,
}

/// Keras-style early stopping on the monitored series.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct EarlyStoppingJson {
    /// Evaluations without improvement before stopping.
    pub patience: u32,
    /// Smallest change that counts as an improvement.
    pub min_delta: f64,
    /// 0-based index of the evaluation where training would stop; `null` if never.
    pub stopped_index: Option<u64>,
    /// Its x.
    pub stopped_x: Option<f64>,
    /// 0-based index of the checkpoint kept (the last improvement).
    pub best_index: Option<u64>,
    /// Its x.
    pub best_x: Option<f64>,
    /// Its value.
    pub best_value: Option<f64>,
}

/// Patience and min_delta of a library's early stopping.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Preset {
    /// Patience.
    pub patience: u32,
    /// min_delta.
    pub min_delta: f64,
}

/// The options in force.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrainingOptionsJson {
    /// The monitored series.
    pub monitor: Option<String>,
    /// `min` or `max`.
    pub mode: &'static str,
    /// Whether the mode was inferred from the name.
    pub mode_inferred: bool,
    /// Early-stopping patience.
    pub patience: u32,
    /// Early-stopping min_delta.
    pub min_delta: f64,
    /// Smoothing weight.
    pub smoothing: f64,
    /// The defaults of Keras, Lightning and Hugging Face.
    pub presets: OrderedMap<Preset>,
}

impl TrainingReport {
    /// The report as pretty JSON (the CLI's `--json`).
    pub fn to_json(&self) -> String {
        // Plain structs of numbers and strings: serializing cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
    }
}
