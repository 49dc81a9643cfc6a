//! The diagnosis of a training run: which findings of
//! [`crate::metrics::training::findings`] its curves show. Numbers only.
//!
//! Each test, exactly (thresholds are the constants in `findings`):
//! - `non_finite_loss`: the earliest NaN/±inf (smallest x; on a tie the
//!   first of training loss, validation loss, monitored series) in those series.
//! - `overfitting`: on the validation loss (raw values), the first minimum
//!   E_opt > 0 is followed by at least [`OVERFITTING_MIN_EVALUATIONS`]
//!   finite evaluations, Prechelt's GL = 100·(E_va/E_opt − 1) at the last one
//!   exceeds [`OVERFITTING_MIN_GL`], and the smoothed training loss at the
//!   end is below its value at the minimum's step (the last training point
//!   at or before it; the first if none).
//! - `loss_not_improving`: over the last third of the monitored series (the
//!   last ⌈n/3⌉ finite points, at least [`FLAT_MIN_POINTS`]), the Theil–Sen
//!   slope's 95% interval includes 0 AND the improvement along the fitted
//!   line, `∓slope·(x_last − x_first) / |median|` (− for min, + for max), is
//!   below [`FLAT_RELATIVE_CHANGE`]. Not judged when the monitored series is
//!   the validation loss that `overfitting` already shows rising.
//! - `loss_spike`: training-loss points with `y > s + (SPIKE_FACTOR − 1)·|s|`,
//!   `s` the smoothed loss (weight `smoothing`) at the finite point before.
//! - `diverging`: the smoothed training loss reaches its minimum m before
//!   the last third and ends above `m + DIVERGING_SHARE·|m|`.
//! - `no_validation`: neither a validation loss nor any other validation
//!   series is logged.

use crate::metrics::training::best::{Best, Mode};
use crate::metrics::training::findings::*;
use crate::metrics::training::smoothing::smooth;
use crate::metrics::training::theil_sen::theil_sen;

/// One logged series as plain slices (x = step or epoch; y may hold NaN/±inf).
#[derive(Debug, Clone, Copy)]
pub struct Curve<'a> {
    /// The series name as in the file.
    pub name: &'a str,
    /// Steps or epochs.
    pub x: &'a [f64],
    /// Values, as many as `x`.
    pub y: &'a [f64],
}

/// The curves of a run that the diagnosis reads.
#[derive(Debug, Clone, Copy)]
pub struct RunCurves<'a> {
    /// The training loss, if logged.
    pub train_loss: Option<Curve<'a>>,
    /// The validation loss, if logged.
    pub val_loss: Option<Curve<'a>>,
    /// Whether any validation series (loss or metric) is logged.
    pub validation_logged: bool,
}

/// Every finding the curves show, in a fixed order: non-finite values,
/// overfitting, divergence, spikes, plateau, no validation.
pub fn diagnose(
    run: &RunCurves,
    monitor: Option<Curve>,
    mode: Mode,
    smoothing: f64,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut checked: Vec<Curve> = Vec::new();
    for c in [run.train_loss, run.val_loss, monitor]
        .into_iter()
        .flatten()
    {
        if !checked.iter().any(|seen| seen.name == c.name) {
            checked.push(c);
        }
    }
    findings.extend(non_finite(checked.into_iter()).map(Finding::NonFiniteLoss));
    if let (Some(train), Some(val)) = (run.train_loss, run.val_loss) {
        findings.extend(overfitting(train, val, smoothing).map(Finding::Overfitting));
    }
    if let Some(train) = run.train_loss {
        findings.extend(diverging(train, smoothing).map(Finding::Diverging));
        findings.extend(spikes(train, smoothing).map(Finding::LossSpike));
    }
    let overfit_series = findings.iter().find_map(|f| match f {
        Finding::Overfitting(o) => Some(o.series.clone()),
        _ => None,
    });
    if let Some(monitor) = monitor.filter(|m| overfit_series.as_deref() != Some(m.name)) {
        findings.extend(not_improving(monitor, mode).map(Finding::LossNotImproving));
    }
    if run.val_loss.is_none() && !run.validation_logged {
        findings.push(Finding::NoValidation(NoValidation {
            train_series: run.train_loss.map(|c| c.name.to_string()),
        }));
    }
    findings
}

/// `best_checkpoint_disagrees`: the Hugging Face file's best step
/// (`best_global_step`, else the number in `best_model_checkpoint`) differs
/// from the computed best's x. `None` when they agree or either is missing.
pub fn file_best_disagrees(
    computed: Option<&Best>,
    series: &str,
    best_global_step: Option<u64>,
    best_model_checkpoint: Option<&str>,
    best_metric: Option<f64>,
) -> Option<Finding> {
    let best = computed?;
    let file_step = best_global_step.or_else(|| {
        best_model_checkpoint.and_then(crate::metrics::training::best::checkpoint_step)
    })? as f64;
    (file_step != best.x).then(|| {
        Finding::BestCheckpointDisagrees(BestCheckpointDisagrees {
            file_step,
            file_metric: best_metric.filter(|v| v.is_finite()),
            series: series.to_string(),
            best_x: best.x,
            best_value: best.value,
        })
    })
}

/// The finite (x, y) points of a curve with their indices.
fn finite_points<'a>(c: &'a Curve) -> impl Iterator<Item = (usize, f64, f64)> + 'a {
    c.x.iter()
        .zip(c.y)
        .enumerate()
        .filter(|(_, (x, y))| x.is_finite() && y.is_finite())
        .map(|(i, (&x, &y))| (i, x, y))
}

fn non_finite<'a>(curves: impl Iterator<Item = Curve<'a>>) -> Option<NonFiniteLoss> {
    let mut found: Option<NonFiniteLoss> = None;
    for c in curves {
        let mut bad =
            c.x.iter()
                .zip(c.y)
                .enumerate()
                .filter(|(_, (_, y))| !y.is_finite());
        let Some((index, (&x, &y))) = bad.next() else {
            continue;
        };
        if found.as_ref().is_none_or(|f| x < f.x) {
            found = Some(NonFiniteLoss {
                series: c.name.to_string(),
                index,
                x,
                nan: y.is_nan(),
                count: 1 + bad.count(),
            });
        }
    }
    found
}

/// The value of the last finite point at or before `x` (the first finite
/// point when none is), from `values` aligned with `c.x`.
fn at_or_before(c: &Curve, values: &[f64], x: f64) -> Option<f64> {
    let mut found = None;
    for (&cx, &v) in c.x.iter().zip(values) {
        if !v.is_finite() {
            continue;
        }
        if cx <= x || found.is_none() {
            found = Some(v);
        }
        if cx > x {
            break;
        }
    }
    found
}

fn last_finite(values: &[f64]) -> Option<f64> {
    values.iter().rev().copied().find(|v| v.is_finite())
}

fn overfitting(train: Curve, val: Curve, smoothing: f64) -> Option<Overfitting> {
    let points: Vec<(usize, f64, f64)> = finite_points(&val).collect();
    let (at, &(best_index, best_x, best_value)) = points.iter().enumerate().fold(
        None,
        |acc: Option<(usize, &(usize, f64, f64))>, (k, p)| match acc {
            Some((_, b)) if b.2 <= p.2 => acc,
            _ => Some((k, p)),
        },
    )?;
    let after = &points[at + 1..];
    let &(_, end_x, end_value) = after.last()?;
    if after.len() < OVERFITTING_MIN_EVALUATIONS || best_value <= 0.0 {
        return None;
    }
    let generalisation_loss = 100.0 * (end_value / best_value - 1.0);
    if generalisation_loss.is_nan() || generalisation_loss <= OVERFITTING_MIN_GL {
        return None;
    }
    let smoothed = smooth(train.y, smoothing);
    let train_at_best = at_or_before(&train, &smoothed, best_x)?;
    let train_at_end = last_finite(&smoothed)?;
    if train_at_end >= train_at_best {
        return None;
    }
    let peak = after.iter().map(|p| p.2).fold(f64::NEG_INFINITY, f64::max);
    let gap = |x: f64, v: f64| at_or_before(&train, train.y, x).map(|t| v - t);
    Some(Overfitting {
        series: val.name.to_string(),
        best_index,
        best_x,
        best_value,
        rise_evaluations: after.len(),
        rise_percent: 100.0 * (peak / best_value - 1.0),
        end_x,
        end_value,
        gap_at_best: gap(best_x, best_value),
        gap_at_end: gap(end_x, end_value),
        generalisation_loss,
        train_at_best,
        train_at_end,
    })
}

/// The finite points of the last third: the last ⌈n/3⌉ of the n finite ones.
fn last_third(c: &Curve) -> Vec<(usize, f64, f64)> {
    let points: Vec<(usize, f64, f64)> = finite_points(c).collect();
    let n = points.len();
    points[n - n.div_ceil(3)..].to_vec()
}

fn not_improving(monitor: Curve, mode: Mode) -> Option<LossNotImproving> {
    let tail = last_third(&monitor);
    if tail.len() < FLAT_MIN_POINTS {
        return None;
    }
    let xs: Vec<f64> = tail.iter().map(|p| p.1).collect();
    let ys: Vec<f64> = tail.iter().map(|p| p.2).collect();
    let fit = theil_sen(&xs, &ys)?;
    let mut sorted = ys.clone();
    sorted.sort_unstable_by(f64::total_cmp); // see theil_sen.rs
    let mid = sorted.len() / 2;
    let median = if sorted.len() % 2 == 1 {
        sorted[mid]
    } else {
        (sorted[mid - 1] + sorted[mid]) / 2.0
    };
    let (from_x, to_x) = (xs[0], xs[xs.len() - 1]);
    let change = fit.slope * (to_x - from_x);
    let signed = match mode {
        Mode::Min => -change,
        Mode::Max => change,
    };
    if median == 0.0 {
        return None;
    }
    let relative_improvement = signed / median.abs();
    let flat = fit.low <= 0.0 && 0.0 <= fit.high && relative_improvement < FLAT_RELATIVE_CHANGE;
    flat.then(|| LossNotImproving {
        series: monitor.name.to_string(),
        from_x,
        to_x,
        points: tail.len(),
        slope: fit.slope,
        slope_low: fit.low,
        slope_high: fit.high,
        relative_improvement,
    })
}

fn spikes(train: Curve, smoothing: f64) -> Option<LossSpike> {
    let smoothed = smooth(train.y, smoothing);
    let mut before: Option<f64> = None;
    let mut count = 0;
    let mut worst: Option<(f64, LossSpike)> = None;
    for (i, x, y) in finite_points(&train) {
        if let Some(s) = before {
            let excess = y - s;
            if excess > (SPIKE_FACTOR - 1.0) * s.abs() {
                count += 1;
                let size = if s.abs() > 0.0 {
                    excess / s.abs()
                } else {
                    f64::INFINITY
                };
                if worst.as_ref().is_none_or(|(w, _)| size > *w) {
                    let spike = LossSpike {
                        series: train.name.to_string(),
                        count: 0,
                        index: i,
                        x,
                        value: y,
                        smoothed_before: s,
                    };
                    worst = Some((size, spike));
                }
            }
        }
        before = Some(smoothed[i]).filter(|s| s.is_finite()).or(before);
    }
    worst.map(|(_, spike)| LossSpike { count, ..spike })
}

fn diverging(train: Curve, smoothing: f64) -> Option<Diverging> {
    let smoothed = smooth(train.y, smoothing);
    let points: Vec<(usize, f64, f64)> = finite_points(&train)
        .map(|(i, x, _)| (i, x, smoothed[i]))
        .collect();
    let n = points.len();
    if n < FLAT_MIN_POINTS {
        return None;
    }
    let third_starts = n - n.div_ceil(3);
    let (k, &(_, min_x, min_value)) = points
        .iter()
        .enumerate()
        .min_by(|a, b| a.1 .2.total_cmp(&b.1 .2))?;
    let &(_, end_x, end_value) = points.last()?;
    let rise = end_value - min_value;
    if k >= third_starts || rise.is_nan() || rise <= DIVERGING_SHARE * min_value.abs() {
        return None;
    }
    let rise_percent = (min_value != 0.0).then(|| 100.0 * rise / min_value.abs());
    Some(Diverging {
        series: train.name.to_string(),
        min_x,
        min_value,
        end_x,
        end_value,
        rise_percent,
    })
}
