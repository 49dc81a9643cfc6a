//! Training curves, numbers only: TensorBoard's smoothing, the best point
//! of a monitored series, Keras's early stopping replayed, the Theil–Sen
//! slope, and the diagnosis of a run ([`findings::Finding`]);
//! `report/training_words.rs` puts them into words.

pub mod best;
pub mod diagnosis;
pub mod early_stopping;
pub mod findings;
pub mod smoothing;
pub mod theil_sen;

pub use best::{best, checkpoint_step, Best, Mode};
pub use diagnosis::{diagnose, file_best_disagrees, Curve, RunCurves};
pub use early_stopping::{early_stopping, EarlyStopping};
pub use findings::Finding;
pub use smoothing::{smooth, DEFAULT_SMOOTHING};
