//! Training curves, numbers only: TensorBoard's smoothing, the best point
//! of a monitored series, Keras's early stopping replayed, the Theil–Sen
//! slope, and the diagnosis of a run ([`diagnosis::Finding`]);
//! `report/training_words.rs` puts them into words.

pub mod best;
pub mod early_stopping;
pub mod smoothing;

pub use best::{best, checkpoint_step, Best, Mode};
pub use early_stopping::{early_stopping, EarlyStopping};
pub use smoothing::{smooth, DEFAULT_SMOOTHING};
