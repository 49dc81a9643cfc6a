//! Stage 1, input: training logs — a Hugging Face `trainer_state.json`, a
//! Keras `CSVLogger` file, a PyTorch Lightning `metrics.csv`, TensorBoard
//! scalar CSV exports or a plain CSV with a `step` or `epoch` column — read
//! into named series of (x, y) points ([`TrainingLog`]). The format is
//! detected from the content, never from the file name ([`detect`]).
//! No metrics here: smoothing, best checkpoint and diagnoses are in
//! `src/metrics/training/`.
//!
//! Conventions, the same for every format:
//! - x is the step when the log has steps (HF `step`, Lightning `step`,
//!   TensorBoard `Step`, a plain CSV's `step`), else the epoch as written
//!   (Keras epochs are 0-based).
//! - A missing value (an empty cell, `NA`) is skipped for that series only;
//!   a non-finite one (`nan`, `inf`, `-inf`, JSON's bare `NaN`,
//!   `Infinity`, `-Infinity` as Python writes them) is kept as read.
//! - Series are named as in the file; TensorBoard exports after their file
//!   name without `.csv`.

pub mod csv_table;
pub mod detect;
pub mod hf;
pub mod json_tokens;
pub mod keras;
pub mod lightning;
pub mod plain;
pub mod roles;
pub mod tensorboard;

use crate::error::Error;

/// Which tool wrote the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LogFormat {
    /// Hugging Face `transformers` Trainer's `trainer_state.json`.
    HfTrainerState,
    /// Keras `CSVLogger`: `epoch` then the log keys sorted, `NA` when missing.
    KerasCsv,
    /// PyTorch Lightning `CSVLogger`'s `metrics.csv`: the sorted union of
    /// logged keys, one row per log call, empty cells between.
    LightningCsv,
    /// TensorBoard's scalar CSV export, `Wall time,Step,Value`: one series a file.
    TensorboardCsv,
    /// Any other CSV with a `step` or `epoch` column and numeric columns.
    Csv,
}

impl LogFormat {
    /// The stable id used in JSON: `hf_trainer_state`, `keras_csv`,
    /// `lightning_csv`, `tensorboard_csv` or `csv`.
    pub fn id(self) -> &'static str {
        match self {
            LogFormat::HfTrainerState => "hf_trainer_state",
            LogFormat::KerasCsv => "keras_csv",
            LogFormat::LightningCsv => "lightning_csv",
            LogFormat::TensorboardCsv => "tensorboard_csv",
            LogFormat::Csv => "csv",
        }
    }
}

/// What the x values of every series count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum XAxis {
    /// Optimizer steps (global step).
    Step,
    /// Epochs, as the file writes them (Keras: 0-based).
    Epoch,
}

impl XAxis {
    /// The stable id used in JSON: `step` or `epoch`.
    pub fn id(self) -> &'static str {
        match self {
            XAxis::Step => "step",
            XAxis::Epoch => "epoch",
        }
    }
}

/// What a series is, for grouping on charts and for defaults; decided from
/// its name by [`SeriesRole::of`] (rules written there).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SeriesRole {
    /// The training loss (`loss`, `train_loss`, `train_loss_step`, …).
    TrainLoss,
    /// The validation loss (`eval_loss`, `val_loss`, `validation/loss`, …).
    ValLoss,
    /// Another validation metric (`eval_accuracy`, `val_f1`, …).
    ValMetric,
    /// The learning rate (`learning_rate`, `lr`, `lr-AdamW`, …).
    LearningRate,
    /// Anything else (`grad_norm`, `accuracy` on the training set,
    /// `eval_runtime`, …).
    Other,
}

impl SeriesRole {
    /// The stable id used in JSON: `train_loss`, `val_loss`, `val_metric`,
    /// `learning_rate` or `other`.
    pub fn id(self) -> &'static str {
        match self {
            SeriesRole::TrainLoss => "train_loss",
            SeriesRole::ValLoss => "val_loss",
            SeriesRole::ValMetric => "val_metric",
            SeriesRole::LearningRate => "learning_rate",
            SeriesRole::Other => "other",
        }
    }

    /// The role a series name suggests (see [`roles`] for the rules).
    ///
    /// ```
    /// use fitcheck::input::training::SeriesRole;
    /// assert_eq!(SeriesRole::of("loss"), SeriesRole::TrainLoss);
    /// assert_eq!(SeriesRole::of("eval_loss"), SeriesRole::ValLoss);
    /// assert_eq!(SeriesRole::of("val_accuracy"), SeriesRole::ValMetric);
    /// assert_eq!(SeriesRole::of("lr-AdamW"), SeriesRole::LearningRate);
    /// assert_eq!(SeriesRole::of("eval_runtime"), SeriesRole::Other);
    /// ```
    pub fn of(name: &str) -> SeriesRole {
        roles::role_of(name)
    }
}

/// One curve: its points in file order (x as read, not re-sorted).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// The name as in the file (`loss`, `eval_loss`, `val_loss`, …); for a
    /// TensorBoard export, the file name without `.csv`.
    pub name: String,
    /// What the series is.
    pub role: SeriesRole,
    /// The step or epoch of each point (see [`TrainingLog::x_axis`]).
    pub x: Vec<f64>,
    /// The value of each point; NaN and ±infinity kept as read.
    pub y: Vec<f64>,
}

/// What a Hugging Face `trainer_state.json` says besides its curves.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HfState {
    /// `best_metric`: the best value of `metric_for_best_model` (null when
    /// the Trainer kept no best model).
    pub best_metric: Option<f64>,
    /// `best_model_checkpoint`, e.g. `out/checkpoint-400`.
    pub best_model_checkpoint: Option<String>,
    /// `best_global_step` (newer transformers only).
    pub best_global_step: Option<u64>,
    /// `logging_steps` (a fraction of the run when below 1).
    pub logging_steps: Option<f64>,
    /// `eval_steps` (a fraction of the run when below 1).
    pub eval_steps: Option<f64>,
    /// `(early_stopping_patience, early_stopping_threshold)` from
    /// `stateful_callbacks.EarlyStoppingCallback.args`, when present.
    pub early_stopping: Option<(u64, f64)>,
    /// The final summary entry of `log_history` (`train_loss`,
    /// `train_runtime`, `total_flos`, …; `epoch` and `step` left out), in
    /// the file's key order. It is not a curve point; `checkpoint-N/`
    /// copies have none (empty).
    pub summary: Vec<(String, f64)>,
}

/// A training log, whole.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainingLog {
    /// Which tool wrote it.
    pub format: LogFormat,
    /// What x counts, the same for every series.
    pub x_axis: XAxis,
    /// The curves, in the file's order (column order, or first appearance
    /// in HF's `log_history`, or the order the files were given).
    pub series: Vec<Series>,
    /// HF files only: best checkpoint, early stopping settings, summary.
    pub hf: Option<HfState>,
    /// The names of the files read, in the order given.
    pub files: Vec<String>,
}

impl TrainingLog {
    /// The series with this exact name, if any.
    pub fn series_named(&self, name: &str) -> Option<&Series> {
        self.series.iter().find(|s| s.name == name)
    }

    /// Total number of points over every series.
    pub fn points(&self) -> usize {
        self.series.iter().map(|s| s.y.len()).sum()
    }
}

/// Reads one file, whole: the format is detected from the content; `name`
/// is the file name (a TensorBoard export's series is named after it;
/// a directory part, `/` or `\`, is dropped).
pub fn read_log(name: &str, bytes: &[u8]) -> Result<TrainingLog, Error> {
    detect::read_one(name, bytes)
}

/// Reads several files at once: several TensorBoard exports become one
/// log with one series each, named after its file (a name given twice gets
/// ` (2)`, ` (3)`…). One file is read as by [`read_log`]. Several files of
/// another format are refused: their series could not be told apart.
pub fn read_logs(files: &[(String, Vec<u8>)]) -> Result<TrainingLog, Error> {
    detect::read_many(files)
}
