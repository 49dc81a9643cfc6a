//! Keras 3's `EarlyStopping` replayed over a logged series
//! (`keras/src/callbacks/early_stopping.py`, `on_epoch_end`, with
//! `MonitorCallback._is_improvement` from `monitor_callback.py`), for
//! `baseline=None`, `start_from_epoch=0`.
//!
//! Each value, in order (index = Keras's `epoch`):
//! 1. `wait += 1`;
//! 2. the first value is always an improvement; later ones are an
//!    improvement iff `current + |min_delta| < best` (min) or
//!    `current − |min_delta| > best` (max) — Keras computes
//!    `monitor_op(current − min_delta, best)` with `min_delta` negated for
//!    min, which is `current < best − |min_delta|` in exact arithmetic. A
//!    change of exactly `min_delta` is not an improvement, and a NaN
//!    compares false, so it is never one;
//! 3. on an improvement: `best = current`, `best_index = index`, `wait = 0`;
//! 4. otherwise, training stops when `wait ≥ patience` and `index > 0`.
//!
//! "Best" is the last value that counted as an improvement. Keras's
//! TensorFlow, JAX and PyTorch backends compare in float32 (`floatx`); the
//! NumPy backend, and this replay, in float64.
//!
//! ```
//! use fitcheck::metrics::training::{early_stopping, Mode};
//! let e = early_stopping(&[1.0, 0.8, 0.7, 0.72, 0.695], Mode::Min, 2, 0.01);
//! assert_eq!((e.stopped_index, e.best_index), (Some(4), Some(2)));
//! ```

use crate::metrics::training::best::Mode;

/// Where Keras's `EarlyStopping` would have stopped, and what it kept.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EarlyStopping {
    /// Evaluations without improvement before stopping.
    pub patience: u32,
    /// The smallest change that counts as an improvement (as given; its
    /// absolute value is used).
    pub min_delta: f64,
    /// 0-based index of the evaluation at which training stops; `None` if it
    /// runs to the end.
    pub stopped_index: Option<usize>,
    /// 0-based index of the last improvement up to the stop (or the end);
    /// `None` for an empty series.
    pub best_index: Option<usize>,
    /// The value at `best_index`; `None` when there is none or it is not
    /// finite (a NaN first value counts as Keras's best and is never beaten).
    pub best_value: Option<f64>,
}

/// Replays Keras 3 `EarlyStopping` over `y` (see the module doc).
pub fn early_stopping(y: &[f64], mode: Mode, patience: u32, min_delta: f64) -> EarlyStopping {
    // Keras stores abs(min_delta) and negates it for "min".
    let delta = match mode {
        Mode::Min => -min_delta.abs(),
        Mode::Max => min_delta.abs(),
    };
    let mut wait: u64 = 0;
    let mut best: Option<(usize, f64)> = None;
    let mut stopped_index = None;
    for (index, &current) in y.iter().enumerate() {
        wait += 1;
        let improved = match best {
            None => true,
            Some((_, b)) => mode.better(current - delta, b),
        };
        if improved {
            best = Some((index, current));
            wait = 0;
            continue;
        }
        if wait >= u64::from(patience) && index > 0 {
            stopped_index = Some(index);
            break;
        }
    }
    EarlyStopping {
        patience,
        min_delta,
        stopped_index,
        best_index: best.map(|(i, _)| i),
        best_value: best.map(|(_, v)| v).filter(|v| v.is_finite()),
    }
}
