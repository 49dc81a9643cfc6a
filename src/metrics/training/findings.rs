//! What the diagnosis of a training run found, as numbers (no words): one
//! variant of [`Finding`] per diagnosis id, with the thresholds that decide
//! each. `report/training_words.rs` puts them into sentences.

use serde::Serialize;

/// Overfitting needs the validation loss to have risen over at least this
/// many evaluations after its minimum.
pub const OVERFITTING_MIN_EVALUATIONS: usize = 2;

/// … and Prechelt's generalisation loss at the end above this (percent):
/// his GL₅ stopping criterion.
pub const OVERFITTING_MIN_GL: f64 = 5.0;

/// A loss is flat when its relative improvement over the last third is
/// below this share (and the Theil–Sen interval includes 0).
pub const FLAT_RELATIVE_CHANGE: f64 = 0.01;

/// Fewest finite points in the last third for the flatness test.
pub const FLAT_MIN_POINTS: usize = 3;

/// A training-loss point is a spike when it exceeds the smoothed loss just
/// before it by more than this factor: `y > s + (factor − 1)·|s|`
/// (`y > 2·s` for a positive loss).
pub const SPIKE_FACTOR: f64 = 2.0;

/// The training loss diverges when its smoothed value at the end is more
/// than this share above its smoothed minimum, reached before the last third.
pub const DIVERGING_SHARE: f64 = 0.25;

/// One finding of the diagnosis, with its numbers. `x` values are steps or
/// epochs as logged; indices are 0-based within their series.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Finding {
    /// `overfitting`: the validation loss rose after its minimum while the
    /// training loss kept falling.
    Overfitting(Overfitting),
    /// `loss_not_improving`: the monitored series is flat over the last third.
    LossNotImproving(LossNotImproving),
    /// `non_finite_loss`: a NaN or infinite value in a loss.
    NonFiniteLoss(NonFiniteLoss),
    /// `loss_spike`: training-loss points far above the smoothed loss before them.
    LossSpike(LossSpike),
    /// `diverging`: a sustained rise of the (smoothed) training loss.
    Diverging(Diverging),
    /// `no_validation`: only training loss is logged.
    NoValidation(NoValidation),
    /// `best_checkpoint_disagrees`: the Hugging Face file's own best
    /// checkpoint is not the computed best.
    BestCheckpointDisagrees(BestCheckpointDisagrees),
}

impl Finding {
    /// The snake_case id (the warning id of its sentence).
    pub const fn id(&self) -> &'static str {
        match self {
            Finding::Overfitting(_) => "overfitting",
            Finding::LossNotImproving(_) => "loss_not_improving",
            Finding::NonFiniteLoss(_) => "non_finite_loss",
            Finding::LossSpike(_) => "loss_spike",
            Finding::Diverging(_) => "diverging",
            Finding::NoValidation(_) => "no_validation",
            Finding::BestCheckpointDisagrees(_) => "best_checkpoint_disagrees",
        }
    }
}

/// The numbers of `overfitting`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overfitting {
    /// The validation loss series.
    pub series: String,
    /// Index of its lowest value E_opt (the first, on ties).
    pub best_index: usize,
    /// Step or epoch of the lowest value: the checkpoint to keep.
    pub best_x: f64,
    /// The lowest validation loss, E_opt.
    pub best_value: f64,
    /// Evaluations after the minimum (K).
    pub rise_evaluations: usize,
    /// Highest validation loss after the minimum, as percent above it.
    pub rise_percent: f64,
    /// Step or epoch of the last evaluation.
    pub end_x: f64,
    /// The last validation loss, E_va.
    pub end_value: f64,
    /// Validation − training loss at the minimum (training loss logged at or
    /// before that step; `None` if none was).
    pub gap_at_best: Option<f64>,
    /// Validation − training loss at the last evaluation.
    pub gap_at_end: Option<f64>,
    /// Prechelt's generalisation loss at the end, GL = 100·(E_va/E_opt − 1).
    pub generalisation_loss: f64,
    /// The smoothed training loss at the minimum and at the end (it fell).
    pub train_at_best: f64,
    /// The smoothed training loss at the end.
    pub train_at_end: f64,
}

/// The numbers of `loss_not_improving`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LossNotImproving {
    /// The monitored series.
    pub series: String,
    /// Step or epoch where the last third starts.
    pub from_x: f64,
    /// Step or epoch where it ends.
    pub to_x: f64,
    /// Finite points in the last third (before thinning for Theil–Sen).
    pub points: usize,
    /// Theil–Sen slope per step (or epoch) and its 95% interval.
    pub slope: f64,
    /// Lower end of the slope's 95% interval.
    pub slope_low: f64,
    /// Upper end of the slope's 95% interval.
    pub slope_high: f64,
    /// Improvement over the last third along the fitted line, as a share of
    /// the median value (positive = better; below [`FLAT_RELATIVE_CHANGE`]).
    pub relative_improvement: f64,
}

/// The numbers of `non_finite_loss`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NonFiniteLoss {
    /// The series with the earliest non-finite value.
    pub series: String,
    /// Its index in that series.
    pub index: usize,
    /// Its step or epoch.
    pub x: f64,
    /// Whether it is NaN (otherwise ±infinity).
    pub nan: bool,
    /// Non-finite values in that series.
    pub count: usize,
}

/// The numbers of `loss_spike`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LossSpike {
    /// The training loss series.
    pub series: String,
    /// How many points are spikes.
    pub count: usize,
    /// Index of the largest spike (by value ÷ smoothed value before it).
    pub index: usize,
    /// Its step or epoch.
    pub x: f64,
    /// Its value.
    pub value: f64,
    /// The smoothed loss just before it.
    pub smoothed_before: f64,
}

/// The numbers of `diverging`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diverging {
    /// The training loss series.
    pub series: String,
    /// Step or epoch of the smoothed minimum.
    pub min_x: f64,
    /// The smoothed minimum.
    pub min_value: f64,
    /// Step or epoch of the last point.
    pub end_x: f64,
    /// The smoothed value there.
    pub end_value: f64,
    /// How far the end is above the minimum, percent of |minimum| (`None`
    /// when the minimum is 0).
    pub rise_percent: Option<f64>,
}

/// The numbers of `no_validation`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NoValidation {
    /// The training loss series, when there is one.
    pub train_series: Option<String>,
}

/// The numbers of `best_checkpoint_disagrees`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BestCheckpointDisagrees {
    /// The file's own best step (`best_global_step`, or the number in
    /// `best_model_checkpoint`).
    pub file_step: f64,
    /// The file's `best_metric`, when present.
    pub file_metric: Option<f64>,
    /// The monitored series.
    pub series: String,
    /// The computed best step.
    pub best_x: f64,
    /// The computed best value.
    pub best_value: f64,
}
