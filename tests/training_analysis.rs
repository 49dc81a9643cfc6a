//! Training curves: TensorBoard's smoothing on hand-worked series, Keras's
//! early stopping on hand-worked series and against a transliteration of
//! Keras 3's own callback on random series, and the diagnosis of curves
//! built to show each finding.

mod support;

use fitcheck::metrics::training::{early_stopping, smooth, Mode};
use support::SplitMix64;

/// Element-wise closeness; NaN matches NaN.
fn assert_close(got: &[f64], want: &[f64], tol: f64) {
    assert_eq!(got.len(), want.len(), "{got:?} vs {want:?}");
    for (g, w) in got.iter().zip(want) {
        let ok = (g.is_nan() && w.is_nan()) || (g - w).abs() <= tol;
        assert!(ok, "{got:?} vs {want:?}");
    }
}

// ---------------------------------------------------------------- smoothing

#[test]
fn smoothing_alternating_series_matches_tensorboard() {
    // w = 0.6, last starts at 0:
    // y=1: last = 0.4          ; /(1−0.6)    = 0.4/0.4       = 1
    // y=0: last = 0.24         ; /(1−0.36)   = 0.24/0.64     = 0.375
    // y=1: last = 0.144+0.4    ; /(1−0.216)  = 0.544/0.784   = 0.6938776
    // y=0: last = 0.3264       ; /(1−0.1296) = 0.3264/0.8704 = 0.375
    assert_close(
        &smooth(&[1.0, 0.0, 1.0, 0.0], 0.6),
        &[1.0, 0.375, 0.6938776, 0.375],
        5e-8,
    );
}

#[test]
fn smoothing_passes_non_finite_values_through_uncounted() {
    // y=2: last 0.8, n 1 → 2; NaN passed through, n stays 1;
    // y=1: last 0.48+0.4 = 0.88, n 2 → 0.88/0.64 = 1.375;
    // y=1.5: last 0.528+0.6 = 1.128, n 3 → 1.128/0.784 = 1.4387755
    assert_close(
        &smooth(&[2.0, f64::NAN, 1.0, 1.5], 0.6),
        &[2.0, f64::NAN, 1.375, 1.4387755],
        5e-8,
    );
    let with_inf = smooth(&[2.0, f64::INFINITY, 1.0], 0.6);
    assert_eq!(with_inf[1], f64::INFINITY);
    assert_close(&with_inf[2..], &[1.375], 1e-12);
}

#[test]
fn smoothing_decreasing_series_matches_tensorboard() {
    // y=10: 4/0.4 = 10; y=8: (2.4+3.2)/0.64 = 8.75;
    // y=6: (3.36+2.4)/0.784 = 7.3469388; y=5: (3.456+2)/0.8704 = 6.2683824;
    // y=4.5: (3.2736+1.8)/0.92224 = 5.5013879
    assert_close(
        &smooth(&[10.0, 8.0, 6.0, 5.0, 4.5], 0.6),
        &[10.0, 8.75, 7.3469388, 6.2683824, 5.5013879],
        5e-8,
    );
}

#[test]
fn smoothing_leaves_a_constant_series_unchanged() {
    // Without the constant rule 0.1 would come back as 0.1·(1−w)/(1−w) with
    // rounding; TensorBoard returns the points themselves.
    for w in [0.0, 0.6, 0.999, 1.0] {
        assert_eq!(smooth(&[0.1; 7], w), vec![0.1; 7]);
    }
    assert!(smooth(&[], 0.6).is_empty());
}

// ----------------------------------------------------------- early stopping

#[test]
fn early_stopping_worked_example() {
    // patience 2, min_delta 0.01 (min):
    // i0 1.0  first → best 1.0, wait 0
    // i1 0.8  0.81 < 1.0 → best 0.8, wait 0
    // i2 0.7  0.71 < 0.8 → best 0.7, wait 0
    // i3 0.72 0.73 < 0.7? no → wait 1 < 2
    // i4 0.695 0.705 < 0.7? no → wait 2 ≥ 2 → stop at 4, best index 2
    let e = early_stopping(&[1.0, 0.8, 0.7, 0.72, 0.695], Mode::Min, 2, 0.01);
    assert_eq!(e.stopped_index, Some(4));
    assert_eq!(e.best_index, Some(2));
    assert_eq!(e.best_value, Some(0.7));
    assert_eq!((e.patience, e.min_delta), (2, 0.01));
}

#[test]
fn early_stopping_change_of_exactly_min_delta_is_not_an_improvement() {
    // 0.75 + 0.25 = 1.0 is not < 1.0 (exact in binary): wait 1 ≥ 0 at i1.
    let e = early_stopping(&[1.0, 0.75, 0.5], Mode::Min, 0, 0.25);
    assert_eq!((e.stopped_index, e.best_index), (Some(1), Some(0)));
    // A negative min_delta means its absolute value, as in Keras.
    let e = early_stopping(&[1.0, 0.75, 0.5], Mode::Min, 0, -0.25);
    assert_eq!((e.stopped_index, e.best_index), (Some(1), Some(0)));
    // Max, patience 2: i1 1.25 − 0.25 = 1.0 is not > 1.0 (wait 1);
    // i2 1.5 − 0.25 = 1.25 > 1.0 is (best 2, wait 0); i3 1.25 > 1.5 no
    // (wait 1); i4 1.75 − 0.25 = 1.5 > 1.5 no (wait 2 ≥ 2) → stop at 4.
    let e = early_stopping(&[1.0, 1.25, 1.5, 1.5, 1.75], Mode::Max, 2, 0.25);
    assert_eq!((e.stopped_index, e.best_index), (Some(4), Some(2)));
}

#[test]
fn early_stopping_patience_zero_and_never_stopping() {
    // Patience 0 stops at the first evaluation that does not improve.
    let e = early_stopping(&[3.0, 2.0, 2.0, 1.0], Mode::Min, 0, 0.0);
    assert_eq!((e.stopped_index, e.best_index), (Some(2), Some(1)));
    // Always improving: runs to the end, best is the last.
    let e = early_stopping(&[3.0, 2.0, 1.0], Mode::Min, 0, 0.0);
    assert_eq!(
        (e.stopped_index, e.best_index, e.best_value),
        (None, Some(2), Some(1.0))
    );
    // One value: the first is an improvement and index 0 never stops.
    let e = early_stopping(&[5.0], Mode::Max, 0, 0.0);
    assert_eq!((e.stopped_index, e.best_index), (None, Some(0)));
    let e = early_stopping(&[], Mode::Min, 3, 0.0);
    assert_eq!(
        (e.stopped_index, e.best_index, e.best_value),
        (None, None, None)
    );
}

#[test]
fn early_stopping_non_finite_values_never_improve() {
    // NaN + 0 < 0.5 is false: wait 1, 2 → stop at i3 (patience 2).
    let e = early_stopping(&[0.5, f64::NAN, f64::NAN, 0.1], Mode::Min, 2, 0.0);
    assert_eq!((e.stopped_index, e.best_index), (Some(2), Some(0)));
    // A NaN first value is Keras's best and nothing beats it.
    let e = early_stopping(&[f64::NAN, 0.4, 0.3], Mode::Min, 1, 0.0);
    assert_eq!(
        (e.stopped_index, e.best_index, e.best_value),
        (Some(1), Some(0), None)
    );
    // +inf first (min): any finite value beats it.
    let e = early_stopping(&[f64::INFINITY, 0.4], Mode::Min, 0, 0.0);
    assert_eq!(
        (e.stopped_index, e.best_index, e.best_value),
        (None, Some(1), Some(0.4))
    );
}

/// Keras 3's `EarlyStopping`, transliterated from
/// keras-team/keras `keras/src/callbacks/early_stopping.py` (`on_train_begin`,
/// `on_epoch_end`) and `keras/src/callbacks/monitor_callback.py`
/// (`__init__`, `_set_monitor_op`, `_is_improvement`), with `baseline=None`,
/// `restore_best_weights=False`, `start_from_epoch=0`, mode "min" or "max",
/// float64 comparisons (the NumPy backend's `np.less`/`np.greater`).
struct KerasEarlyStopping {
    patience: u32,
    min_delta: f64,
    less: bool,
    wait: u32,
    stopped_epoch: usize,
    best: Option<f64>,
    best_epoch: usize,
    stop_training: bool,
}

impl KerasEarlyStopping {
    /// `__init__` (`self.min_delta = abs(min_delta)`) and `_set_monitor_op`
    /// (`if self.monitor_op == ops.less: self.min_delta *= -1`), then
    /// `on_train_begin`.
    fn new(mode: &str, patience: u32, min_delta: f64) -> Self {
        let less = mode == "min";
        let mut min_delta = min_delta.abs();
        if less {
            min_delta *= -1.0;
        }
        KerasEarlyStopping {
            patience,
            min_delta,
            less,
            wait: 0,
            stopped_epoch: 0,
            best: None,
            best_epoch: 0,
            stop_training: false,
        }
    }

    /// `_is_improvement(monitor_value, reference_value)`.
    fn is_improvement(&self, monitor_value: f64, reference_value: Option<f64>) -> bool {
        let Some(reference) = reference_value else {
            return true;
        };
        if self.less {
            monitor_value - self.min_delta < reference
        } else {
            monitor_value - self.min_delta > reference
        }
    }

    /// `on_epoch_end(epoch, logs)`.
    fn on_epoch_end(&mut self, epoch: usize, current: f64) {
        self.wait += 1;
        if self.is_improvement(current, self.best) {
            self.best = Some(current);
            self.best_epoch = epoch;
            self.wait = 0;
            return;
        }
        if self.wait >= self.patience && epoch > 0 {
            self.stopped_epoch = epoch;
            self.stop_training = true;
        }
    }
}

/// `model.fit`'s loop: one `on_epoch_end` per value until `stop_training`.
fn keras_fit(y: &[f64], mode: &str, patience: u32, min_delta: f64) -> KerasEarlyStopping {
    let mut callback = KerasEarlyStopping::new(mode, patience, min_delta);
    for (epoch, &value) in y.iter().enumerate() {
        callback.on_epoch_end(epoch, value);
        if callback.stop_training {
            break;
        }
    }
    callback
}

#[test]
fn early_stopping_equals_keras_on_random_series() {
    let mut rng = SplitMix64::new(0x006b_6572_6173);
    let deltas = [0.0, 0.25, 0.5, -0.25, 0.01, 0.1];
    let mut cases = 0;
    let mut stopped = 0;
    let mut exact_delta_ties = 0;
    for _ in 0..400 {
        let len = rng.below(25);
        // Values on a grid of quarters (exact in binary) so that changes of
        // exactly min_delta and ties occur; sometimes a random walk, a NaN
        // or an infinity.
        let walk = rng.below(2) == 0;
        let mut level = 4.0;
        let y: Vec<f64> = (0..len)
            .map(|_| match rng.below(40) {
                0 => f64::NAN,
                1 => f64::INFINITY,
                2 => f64::NEG_INFINITY,
                _ if walk => {
                    level += (rng.below(5) as f64 - 2.0) * 0.25;
                    level
                }
                _ => rng.below(16) as f64 * 0.25 + rng.uniform() * 0.01 * (rng.below(2) as f64),
            })
            .collect();
        let patience = rng.below(6) as u32;
        let min_delta = deltas[rng.below(deltas.len())];
        let (mode, keras_mode) = if rng.below(2) == 0 {
            (Mode::Min, "min")
        } else {
            (Mode::Max, "max")
        };
        let want = keras_fit(&y, keras_mode, patience, min_delta);
        let got = early_stopping(&y, mode, patience, min_delta);
        let context =
            format!("y {y:?} mode {keras_mode} patience {patience} min_delta {min_delta}");
        let want_stop = want.stop_training.then_some(want.stopped_epoch);
        assert_eq!(got.stopped_index, want_stop, "{context}");
        if y.is_empty() {
            assert_eq!(got.best_index, None, "{context}");
        } else {
            assert_eq!(got.best_index, Some(want.best_epoch), "{context}");
            let want_value = want.best.filter(|v| v.is_finite());
            assert_eq!(got.best_value, want_value, "{context}");
        }
        cases += 1;
        stopped += usize::from(want.stop_training);
        exact_delta_ties += usize::from(
            min_delta != 0.0 && y.windows(2).any(|w| (w[1] - w[0]).abs() == min_delta.abs()),
        );
    }
    // The generator covers both outcomes and exact-min_delta changes.
    assert_eq!(cases, 400);
    assert!(stopped > 100 && stopped < 380, "stopped {stopped}");
    assert!(
        exact_delta_ties > 50,
        "exact min_delta changes {exact_delta_ties}"
    );
}
