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

// ---------------------------------------------------------------- Theil–Sen

#[test]
fn theil_sen_equals_scipy() {
    use fitcheck::metrics::training::theil_sen::theil_sen;
    // scipy 1.17.1: scipy.stats.theilslopes(y, x, alpha=0.95) →
    // (slope, low_slope, high_slope), printed with repr.
    let cases: [(&[f64], &[f64], [f64; 3]); 4] = [
        (
            &[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0],
            &[1.0, 0.9, 0.95, 0.8, 0.85, 0.7, 0.75, 0.72],
            [
                -0.042499999999999996,
                -0.06000000000000001,
                -0.01666666666666668,
            ],
        ),
        (
            &[10.0, 20.0, 30.0, 40.0, 50.0],
            &[0.5, 0.5, 0.5, 0.49, 0.51],
            [0.0, -0.0010000000000000009, 0.0020000000000000018],
        ),
        (
            // tied x (2, 2) and tied y (1.0, 1.0): Sen's σ² drops both groups
            &[1.0, 2.0, 2.0, 3.0, 4.0, 5.0],
            &[3.0, 2.0, 2.5, 1.0, 1.0, 0.5],
            [-0.6458333333333333, -1.0, -0.25],
        ),
        (
            &[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0],
            &[
                0.41, 0.40, 0.42, 0.41, 0.39, 0.40, 0.41, 0.40, 0.42, 0.40, 0.39, 0.41,
            ],
            [0.0, -0.002857142857142852, 0.0019999999999999905],
        ),
    ];
    for (x, y, [slope, low, high]) in cases {
        let t = theil_sen(x, y).expect("two distinct x");
        assert_close(&[t.slope, t.low, t.high], &[slope, low, high], 1e-15);
        assert_eq!(t.points, x.len());
    }
    assert!(theil_sen(&[1.0, 1.0], &[0.0, 2.0]).is_none());
    assert!(theil_sen(&[1.0, f64::NAN], &[0.0, 2.0]).is_none());
}

// ---------------------------------------------------------------- diagnosis

use fitcheck::metrics::training::findings::*;
use fitcheck::metrics::training::{diagnose, file_best_disagrees, Best, Curve, RunCurves};

/// A healthy run: training loss logged every 5 steps up to 300, validation
/// loss every 30 steps, both decaying to the end.
struct Run {
    train_x: Vec<f64>,
    train_y: Vec<f64>,
    val_x: Vec<f64>,
    val_y: Vec<f64>,
}

fn healthy() -> Run {
    let train_x: Vec<f64> = (1..=60).map(|i| 5.0 * i as f64).collect();
    let train_y = train_x
        .iter()
        .map(|x| 2.0 * (-x / 90.0).exp() + 0.3)
        .collect();
    let val_x: Vec<f64> = (1..=10).map(|i| 30.0 * i as f64).collect();
    let val_y = val_x
        .iter()
        .map(|x| 2.1 * (-x / 90.0).exp() + 0.35)
        .collect();
    Run {
        train_x,
        train_y,
        val_x,
        val_y,
    }
}

impl Run {
    fn findings(&self) -> Vec<Finding> {
        let train = Curve {
            name: "loss",
            x: &self.train_x,
            y: &self.train_y,
        };
        let val = Curve {
            name: "eval_loss",
            x: &self.val_x,
            y: &self.val_y,
        };
        let run = RunCurves {
            train_loss: Some(train),
            val_loss: Some(val),
            validation_logged: true,
        };
        diagnose(&run, Some(val), Mode::Min, 0.6)
    }
}

fn ids(findings: &[Finding]) -> Vec<&'static str> {
    findings.iter().map(Finding::id).collect()
}

#[test]
fn healthy_run_has_no_findings() {
    assert_eq!(ids(&healthy().findings()), Vec::<&str>::new());
}

#[test]
fn overfitting_fires_when_validation_rises_and_training_falls() {
    let mut run = healthy();
    // Validation minimum 0.4 at step 180 (index 5), then 0.42, 0.44, 0.46, 0.45.
    run.val_y = vec![1.6, 1.1, 0.8, 0.6, 0.45, 0.4, 0.42, 0.44, 0.46, 0.45];
    let findings = run.findings();
    assert_eq!(ids(&findings), vec!["overfitting"]);
    let Finding::Overfitting(o) = &findings[0] else {
        unreachable!()
    };
    assert_eq!((o.best_index, o.best_x, o.best_value), (5, 180.0, 0.4));
    assert_eq!((o.rise_evaluations, o.end_x, o.end_value), (4, 300.0, 0.45));
    // GL = 100·(0.45/0.4 − 1) = 12.5; peak 0.46 → 15%.
    assert!((o.generalisation_loss - 12.5).abs() < 1e-9);
    assert!((o.rise_percent - 15.0).abs() < 1e-9);
    // Training loss at step 180 is 2·e^(−2) + 0.3 = 0.570671; at 300 it is
    // 2·e^(−10/3) + 0.3 = 0.371349. Gaps: 0.4 − 0.570671, 0.45 − 0.371349.
    let t180 = 2.0 * (-2.0f64).exp() + 0.3;
    let t300 = 2.0 * (-300.0f64 / 90.0).exp() + 0.3;
    assert!((o.gap_at_best.unwrap() - (0.4 - t180)).abs() < 1e-12);
    assert!((o.gap_at_end.unwrap() - (0.45 - t300)).abs() < 1e-12);
    assert!(o.train_at_end < o.train_at_best);
}

#[test]
fn overfitting_needs_two_evaluations_and_five_percent() {
    let mut run = healthy();
    // Rise of 12.5% but for one evaluation only.
    run.val_y = vec![1.6, 1.1, 0.8, 0.6, 0.5, 0.48, 0.46, 0.44, 0.4, 0.45];
    assert!(!ids(&run.findings()).contains(&"overfitting"));
    // Rise for 3 evaluations but GL = 100·(0.418/0.4 − 1) = 4.5 ≤ 5.
    run.val_y = vec![1.6, 1.1, 0.8, 0.6, 0.5, 0.45, 0.4, 0.41, 0.42, 0.418];
    assert!(!ids(&run.findings()).contains(&"overfitting"));
    // Both validation and training rising is not overfitting.
    run.val_y = vec![1.6, 1.1, 0.8, 0.6, 0.45, 0.4, 0.42, 0.44, 0.46, 0.45];
    for (x, y) in run.train_x.iter().zip(run.train_y.iter_mut()) {
        if *x > 180.0 {
            *y = 0.6 + (x - 180.0) / 300.0;
        }
    }
    assert!(!ids(&run.findings()).contains(&"overfitting"));
}

#[test]
fn loss_not_improving_fires_on_a_flat_last_third() {
    let mut run = healthy();
    // Last third (last ⌈10/3⌉ = 4 evaluations, steps 210..300) flat:
    // pairwise slopes of (0.5, 0.49, 0.51, 0.5) include both signs.
    run.val_y = vec![1.6, 1.1, 0.8, 0.6, 0.52, 0.5, 0.5, 0.49, 0.51, 0.5];
    let findings = run.findings();
    assert_eq!(ids(&findings), vec!["loss_not_improving"]);
    let Finding::LossNotImproving(f) = &findings[0] else {
        unreachable!()
    };
    assert_eq!((f.from_x, f.to_x, f.points), (210.0, 300.0, 4));
    assert!(f.slope_low <= 0.0 && f.slope_high >= 0.0);
    assert!(f.relative_improvement < FLAT_RELATIVE_CHANGE);
    // A steady fall of 0.5% per evaluation over the last third: every
    // pairwise slope negative, so the interval excludes 0: not flat.
    run.val_y = vec![1.6, 1.1, 0.8, 0.6, 0.52, 0.5, 0.4975, 0.495, 0.4925, 0.49];
    assert!(!ids(&run.findings()).contains(&"loss_not_improving"));
}

#[test]
fn loss_not_improving_reads_max_metrics_the_other_way() {
    // Accuracy over its last third (3 of 9 points): 0.80, 0.80, 0.801.
    let x: Vec<f64> = (0..9).map(f64::from).collect();
    let flat = [0.5, 0.6, 0.7, 0.75, 0.78, 0.79, 0.80, 0.80, 0.801];
    let acc = Curve {
        name: "val_accuracy",
        x: &x,
        y: &flat,
    };
    let run = RunCurves {
        train_loss: None,
        val_loss: None,
        validation_logged: true,
    };
    assert_eq!(
        ids(&diagnose(&run, Some(acc), Mode::Max, 0.6)),
        vec!["loss_not_improving"]
    );
    // Rising accuracy 0.70 → 0.80 → 0.90: improvement 0.2/0.8 = 25%.
    let rising = [0.5, 0.6, 0.62, 0.64, 0.66, 0.68, 0.70, 0.80, 0.90];
    let acc = Curve {
        name: "val_accuracy",
        x: &x,
        y: &rising,
    };
    assert!(diagnose(&run, Some(acc), Mode::Max, 0.6).is_empty());
}

#[test]
fn non_finite_loss_names_the_first_series_and_step() {
    let mut run = healthy();
    run.train_y[20] = f64::NAN; // step 105
    run.train_y[30] = f64::INFINITY;
    run.val_y[4] = f64::INFINITY; // step 150, later than 105
    let findings = run.findings();
    assert_eq!(findings[0].id(), "non_finite_loss");
    let Finding::NonFiniteLoss(f) = &findings[0] else {
        unreachable!()
    };
    assert_eq!(
        (f.series.as_str(), f.index, f.x, f.nan, f.count),
        ("loss", 20, 105.0, true, 2)
    );
    // Validation earlier than training: the validation series is named.
    run.val_y[0] = f64::NEG_INFINITY; // step 30
    let Finding::NonFiniteLoss(f) = &run.findings()[0] else {
        unreachable!()
    };
    assert_eq!(
        (f.series.as_str(), f.index, f.x, f.nan),
        ("eval_loss", 0, 30.0, false)
    );
}

#[test]
fn loss_spike_fires_above_twice_the_smoothed_loss() {
    let mut run = healthy();
    // Step 150 (index 29): healthy 2·e^(−5/3) + 0.3 = 0.6777; the smoothed
    // loss before it is near 0.70, so 1.5 is a spike and 1.3 is not.
    run.train_y[29] = 1.5;
    let findings = run.findings();
    assert_eq!(ids(&findings), vec!["loss_spike"]);
    let Finding::LossSpike(s) = &findings[0] else {
        unreachable!()
    };
    assert_eq!((s.count, s.index, s.x, s.value), (1, 29, 150.0, 1.5));
    assert!(
        s.smoothed_before > 0.68 && s.smoothed_before < 0.75,
        "{}",
        s.smoothed_before
    );
    run.train_y[29] = 1.3;
    assert!(run.findings().is_empty());
}

#[test]
fn diverging_fires_on_a_sustained_rise_of_training_loss() {
    let mut run = healthy();
    // Training loss falls to step 150 then climbs linearly to 2.0 at 300.
    let floor = 2.0 * (-150.0f64 / 90.0).exp() + 0.3;
    for (x, y) in run.train_x.iter().zip(run.train_y.iter_mut()) {
        if *x > 150.0 {
            *y = floor + (2.0 - floor) * (x - 150.0) / 150.0;
        }
    }
    let findings = run.findings();
    assert!(
        ids(&findings).contains(&"diverging"),
        "{:?}",
        ids(&findings)
    );
    let Finding::Diverging(d) = findings.iter().find(|f| f.id() == "diverging").unwrap() else {
        unreachable!()
    };
    assert_eq!((d.series.as_str(), d.end_x), ("loss", 300.0));
    assert!(d.min_x <= 160.0 && d.rise_percent.unwrap() > 100.0);
    // A late rise of 10% stays silent.
    let mut run = healthy();
    let last = run.train_y.len() - 1;
    run.train_y[last] *= 1.1;
    assert!(!ids(&run.findings()).contains(&"diverging"));
}

#[test]
fn no_validation_fires_without_validation_series() {
    let run = healthy();
    let train = Curve {
        name: "loss",
        x: &run.train_x,
        y: &run.train_y,
    };
    let only_train = RunCurves {
        train_loss: Some(train),
        val_loss: None,
        validation_logged: false,
    };
    let findings = diagnose(&only_train, Some(train), Mode::Min, 0.6);
    assert_eq!(ids(&findings), vec!["no_validation"]);
    let Finding::NoValidation(n) = &findings[0] else {
        unreachable!()
    };
    assert_eq!(n.train_series.as_deref(), Some("loss"));
    // A validation metric without a validation loss is validation.
    let with_metric = RunCurves {
        validation_logged: true,
        ..only_train
    };
    assert!(diagnose(&with_metric, Some(train), Mode::Min, 0.6).is_empty());
}

#[test]
fn best_checkpoint_disagrees_compares_the_file_step() {
    let best = Best {
        index: 5,
        x: 180.0,
        value: 0.4,
    };
    let f = file_best_disagrees(Some(&best), "eval_loss", Some(150), None, Some(0.41)).unwrap();
    let Finding::BestCheckpointDisagrees(d) = f else {
        unreachable!()
    };
    assert_eq!(
        (d.file_step, d.file_metric, d.best_x, d.best_value),
        (150.0, Some(0.41), 180.0, 0.4)
    );
    // The checkpoint path when best_global_step is missing (older files).
    assert!(file_best_disagrees(
        Some(&best),
        "eval_loss",
        None,
        Some("out/checkpoint-180"),
        None
    )
    .is_none());
    assert!(file_best_disagrees(
        Some(&best),
        "eval_loss",
        None,
        Some("out/checkpoint-150"),
        None
    )
    .is_some());
    assert!(file_best_disagrees(Some(&best), "eval_loss", Some(180), None, None).is_none());
    assert!(file_best_disagrees(None, "eval_loss", Some(150), None, None).is_none());
    assert!(file_best_disagrees(Some(&best), "eval_loss", None, None, None).is_none());
}

/// Native only: proptest's random source does not build for wasm32.
#[cfg(not(target_arch = "wasm32"))]
mod noise {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// Noise below the thresholds does not flip a healthy run: training loss
        /// ×(1 ± 15%) per point (a spike needs 2× the smoothed loss, divergence
        /// +25%), validation loss ×(1 ± 1.5%) (overfitting needs GL > 5%; the
        /// last third falls by about 25%, far from flat).
        #[test]
        fn noise_below_thresholds_keeps_a_healthy_run_healthy(
            train_noise in proptest::collection::vec(-0.15f64..0.15, 60),
            val_noise in proptest::collection::vec(-0.015f64..0.015, 10),
            smoothing in 0.0f64..0.95,
        ) {
            let mut run = healthy();
            for (y, e) in run.train_y.iter_mut().zip(&train_noise) {
                *y *= 1.0 + e;
            }
            for (y, e) in run.val_y.iter_mut().zip(&val_noise) {
                *y *= 1.0 + e;
            }
            let train = Curve { name: "loss", x: &run.train_x, y: &run.train_y };
            let val = Curve { name: "eval_loss", x: &run.val_x, y: &run.val_y };
            let curves = RunCurves { train_loss: Some(train), val_loss: Some(val), validation_logged: true };
            let findings = diagnose(&curves, Some(val), Mode::Min, smoothing);
            proptest::prop_assert!(findings.is_empty(), "{:?}", findings);
        }
    }
}

// -------------------------------------------------------------------- words

use fitcheck::metrics::training::best;
use fitcheck::report::training_words::{verdict, warnings, TrainingStatus};
use fitcheck::report::warnings::Severity;

fn overfit_run() -> Run {
    let mut run = healthy();
    run.val_y = vec![1.6, 1.1, 0.8, 0.6, 0.45, 0.4, 0.42, 0.44, 0.46, 0.45];
    run
}

#[test]
fn overfitting_sentence_uses_the_runs_numbers() {
    let run = overfit_run();
    let w = warnings(&run.findings(), "step");
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].id, "overfitting");
    assert_eq!(w[0].severity, Severity::High);
    // Smoothed training loss (w 0.6) at step 180 and 300, and the gaps
    // 0.4 − 0.571 = −0.171 and 0.45 − 0.371 = 0.079 (raw training loss).
    let smoothed = smooth(&run.train_y, 0.6);
    let (s180, s300) = (smoothed[35], smoothed[59]);
    assert_eq!(format!("{s180:.3} {s300:.3}"), "0.596 0.378");
    assert_eq!(
        w[0].message,
        "Validation loss was lowest at step 180 (0.400) and then rose for 4 evaluations (+12.5% at the end) \
         while training loss kept falling (0.596 → 0.378): keep checkpoint 180; later checkpoints memorise \
         the training data. The gap between validation and training loss went from −0.171 at step 180 to \
         0.079 at the end. Prechelt's generalisation loss GL = 100·(E_va/E_opt − 1) is 12.5 at the end \
         (the threshold here is 5)."
    );
    let b = best(&run.val_x, &run.val_y, Mode::Min);
    let v = verdict(
        &run.findings(),
        "eval_loss",
        b.as_ref(),
        Some(300.0),
        "step",
    );
    assert_eq!(v.status, TrainingStatus::Watch);
    assert_eq!(
        v.headline,
        "Watch: overfitting after step 180; keep checkpoint 180."
    );
    assert_eq!(v.checkpoint, Some(180.0));
    assert_eq!(v.reasons, vec![w[0].message.clone()]);
}

#[test]
fn healthy_verdict_says_so() {
    let run = healthy();
    let b = best(&run.val_x, &run.val_y, Mode::Min);
    let v = verdict(
        &run.findings(),
        "eval_loss",
        b.as_ref(),
        Some(300.0),
        "step",
    );
    assert_eq!(v.status, TrainingStatus::Healthy);
    let sentence = "Training and validation loss decreased steadily; best at the last evaluation; no sign of overfitting.";
    assert_eq!(
        v.headline,
        format!("Healthy: keep checkpoint 300. {sentence}")
    );
    assert_eq!(v.reasons, vec![sentence.to_string()]);
    assert_eq!(v.checkpoint, Some(300.0));
    let json = serde_json::to_value(&v).unwrap();
    assert_eq!(json["status"], "healthy");
    assert_eq!(json["checkpoint"], 300.0);
    // Best one evaluation before the end, by too little for overfitting.
    let b = Best {
        index: 8,
        x: 270.0,
        value: 0.4,
    };
    let v = verdict(&[], "eval_loss", Some(&b), Some(300.0), "step");
    assert_eq!(
        v.reasons,
        vec!["Training and validation loss decreased steadily; eval_loss was best at step 270 (0.400), \
              before the last evaluation at step 300, and changed too little since to call it overfitting."
            .to_string()]
    );
}

#[test]
fn verdict_follows_the_most_severe_finding() {
    let mut run = overfit_run();
    run.train_y[20] = f64::NAN; // step 105
    let findings = run.findings();
    assert_eq!(ids(&findings), vec!["non_finite_loss", "overfitting"]);
    let b = best(&run.val_x, &run.val_y, Mode::Min);
    let v = verdict(&findings, "eval_loss", b.as_ref(), Some(300.0), "step");
    assert_eq!(v.status, TrainingStatus::Unhealthy);
    assert_eq!(v.headline, "Unhealthy: loss became NaN at step 105.");
    assert_eq!(v.reasons.len(), 2);
    assert_eq!(
        v.reasons[0],
        "loss became NaN at step 105 (1 non-finite value in that series): the run broke there. Lower the \
         learning rate, clip gradients or check the data for bad values; checkpoints from step 105 on are suspect."
    );
    assert_eq!(serde_json::to_value(&v).unwrap()["status"], "unhealthy");
    // Every id's severity and status, and the order of the warnings.
    let w = warnings(&findings, "step");
    assert_eq!(
        (w[0].id.id(), w[0].severity),
        ("non_finite_loss", Severity::High)
    );
    assert_eq!(w[1].id.id(), "overfitting");
}

#[test]
fn each_warning_reads_with_its_numbers() {
    let cases: Vec<(Finding, &str, Severity, TrainingStatus, &str)> = vec![
        (
            Finding::LossNotImproving(LossNotImproving {
                series: "eval_loss".into(),
                from_x: 210.0,
                to_x: 300.0,
                points: 4,
                slope: 0.0,
                slope_low: -0.001,
                slope_high: 0.0002,
                relative_improvement: 0.0,
            }),
            "loss_not_improving",
            Severity::Medium,
            TrainingStatus::Watch,
            "eval_loss has stalled over the last third of the run (steps 210–300, 4 points): its Theil–Sen slope \
             is 0 per step (95% interval −1.00e-3 to 2.00e-4, which includes 0) and it improved by +0.0% along \
             that line (less than 1.0%). Training has stalled: lower the learning rate or stop.",
        ),
        (
            Finding::LossSpike(LossSpike {
                series: "loss".into(),
                count: 2,
                index: 29,
                x: 150.0,
                value: 1.5,
                smoothed_before: 0.7,
            }),
            "loss_spike",
            Severity::Medium,
            TrainingStatus::Watch,
            "Training loss (loss) jumped above 2× its smoothed value 2 times; the largest jump, at step 150, \
             reached 1.500 against 0.700 just before. Isolated spikes are often harmless; frequent ones suggest \
             a learning rate that is too high or bad batches.",
        ),
        (
            Finding::Diverging(Diverging {
                series: "loss".into(),
                min_x: 3.0,
                min_value: 0.5,
                end_x: 9.0,
                end_value: 0.8,
                rise_percent: Some(60.0),
            }),
            "diverging",
            Severity::High,
            TrainingStatus::Unhealthy,
            "Training loss (loss) is diverging: smoothed, it was lowest at epoch 3 (0.500) and ended at 0.800 at \
             epoch 9, +60.0%, more than 25% above its minimum. Lower the learning rate, or restart from checkpoint 3.",
        ),
        (
            Finding::NoValidation(NoValidation { train_series: Some("loss".into()) }),
            "no_validation",
            Severity::Medium,
            TrainingStatus::Watch,
            "Only training loss is logged (loss): the training loss alone cannot show overfitting; log an \
             evaluation set (an eval dataset and eval strategy in the Hugging Face Trainer, validation_data in \
             Keras, a validation step in Lightning).",
        ),
        (
            Finding::BestCheckpointDisagrees(BestCheckpointDisagrees {
                file_step: 150.0,
                file_metric: Some(0.41),
                series: "eval_loss".into(),
                best_x: 180.0,
                best_value: 0.4,
            }),
            "best_checkpoint_disagrees",
            Severity::Low,
            TrainingStatus::Healthy,
            "The file names epoch 150 as its best checkpoint (best_metric 0.410), but eval_loss is best at epoch \
             180 (0.400). The Trainer only chooses among saved checkpoints (save_steps) and by \
             metric_for_best_model, which may be another metric.",
        ),
    ];
    for (finding, id, severity, status, message) in cases {
        let x_name = if id == "loss_not_improving" || id == "loss_spike" {
            "step"
        } else {
            "epoch"
        };
        let w = warnings(std::slice::from_ref(&finding), x_name);
        assert_eq!((w[0].id.id(), w[0].severity), (id, severity));
        assert_eq!(w[0].message, message);
        let v = verdict(
            std::slice::from_ref(&finding),
            "eval_loss",
            None,
            None,
            x_name,
        );
        assert_eq!(v.status, status, "{id}");
    }
}
