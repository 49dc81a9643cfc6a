//! From a training log ([`TrainingLog`]) to a [`TrainingReport`]: every
//! series with its TensorBoard smoothing, the monitored series' best point,
//! the early-stopping simulation, the file's own best checkpoint (Hugging
//! Face), and the diagnosis in words.
//!
//! The monitored series, unless chosen: the first validation loss
//! (`eval_loss`, `val_loss`…), else the first validation metric, else the
//! training loss, else the first series. Its direction, unless chosen, is
//! inferred from its name ([`Mode::infer`]).

use crate::error::Error;
use crate::input::training::{SeriesRole, TrainingLog, XAxis};
use crate::metrics::training::{best, checkpoint_step, early_stopping, smooth, Mode};
use crate::report::contract::OrderedMap;
use crate::report::score_report::CurveDetail;
use crate::report::training_contract::*;
use crate::report::training_diagnosis::diagnosis;

/// Most early-stopping patience accepted.
pub const MAX_PATIENCE: u32 = 1_000_000;

/// Largest smoothing weight accepted (at 1 TensorBoard's average never moves).
pub const MAX_SMOOTHING: f64 = 0.999;

/// Points drawn per series at most when thinned for the page (as the ROC
/// curves are); every computation uses every point.
pub const DRAWN_POINTS: usize = 2000;

/// Early-stopping defaults of the libraries people use: Keras
/// `EarlyStopping` (patience 0, min_delta 0), Lightning `EarlyStopping`
/// (patience 3, min_delta 0), Hugging Face `EarlyStoppingCallback`
/// (patience 1, threshold 0).
pub const PRESETS: [(&str, u32, f64); 3] = [
    ("keras", 0, 0.0),
    ("lightning", 3, 0.0),
    ("hugging_face", 1, 0.0),
];

/// Options of a training report.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainingOptions {
    /// The series to monitor; detected when `None`.
    pub monitor: Option<String>,
    /// Its direction; inferred from its name when `None`.
    pub mode: Option<Mode>,
    /// Early-stopping patience (Keras's default 0).
    pub patience: u32,
    /// Early-stopping min_delta (Keras's default 0).
    pub min_delta: f64,
    /// TensorBoard smoothing weight.
    pub smoothing: f64,
    /// `Display` thins each series for drawing; anything else keeps every point.
    pub curves: CurveDetail,
}

impl Default for TrainingOptions {
    /// Keras's early stopping, TensorBoard's default smoothing, every point.
    fn default() -> Self {
        TrainingOptions {
            monitor: None,
            mode: None,
            patience: PRESETS[0].1,
            min_delta: PRESETS[0].2,
            smoothing: crate::metrics::training::DEFAULT_SMOOTHING,
            curves: CurveDetail::Complete,
        }
    }
}

/// The series monitored by default (see the module doc).
fn default_monitor(log: &TrainingLog) -> Option<usize> {
    [
        SeriesRole::ValLoss,
        SeriesRole::ValMetric,
        SeriesRole::TrainLoss,
    ]
    .iter()
    .find_map(|role| log.series.iter().position(|s| s.role == *role))
    .or((!log.series.is_empty()).then_some(0))
}

/// Which points to draw: all, or at most [`DRAWN_POINTS`] keeping each
/// bucket's lowest and highest value (so spikes stay visible) and the ends.
fn drawn(y: &[f64], detail: CurveDetail) -> Vec<usize> {
    let n = y.len();
    if !matches!(detail, CurveDetail::Display) || n <= DRAWN_POINTS {
        return (0..n).collect();
    }
    let buckets = DRAWN_POINTS / 2 - 1;
    let mut keep = vec![0];
    for b in 0..buckets {
        let (start, end) = (1 + b * (n - 2) / buckets, 1 + (b + 1) * (n - 2) / buckets);
        let range = start..end.max(start + 1).min(n - 1);
        let finite = |i: &usize| y[*i].is_finite();
        let low = range
            .clone()
            .filter(finite)
            .min_by(|&i, &j| y[i].total_cmp(&y[j]));
        let high = range
            .clone()
            .filter(finite)
            .max_by(|&i, &j| y[i].total_cmp(&y[j]));
        // A non-finite point stays visible as a gap.
        let gap = range.clone().find(|i| !y[*i].is_finite());
        let mut chosen: Vec<usize> = [low, high, gap].into_iter().flatten().collect();
        if chosen.is_empty() {
            chosen.push(range.start);
        }
        chosen.sort_unstable();
        chosen.dedup();
        keep.extend(chosen);
    }
    keep.push(n - 1);
    keep.dedup();
    keep
}

/// A value for JSON: `null` when not finite.
fn finite(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}

/// The report on a training log.
pub fn training_report(
    log: &TrainingLog,
    options: &TrainingOptions,
) -> Result<TrainingReport, Error> {
    let monitor_index =
        match &options.monitor {
            Some(name) => Some(log.series.iter().position(|s| &s.name == name).ok_or_else(
                || {
                    crate::options::invalid(
                        "monitor",
                        format!(
                            "there is no series named \"{}\"; the series are: {}",
                            crate::format::excerpt(name, crate::format::MAX_QUOTED_CHARS),
                            crate::format::name_list(
                                &log.series
                                    .iter()
                                    .map(|s| s.name.clone())
                                    .collect::<Vec<_>>(),
                                true
                            )
                        ),
                    )
                },
            )?),
            None => default_monitor(log),
        };
    let monitored = monitor_index.map(|i| &log.series[i]);
    let mode_inferred = options.mode.is_none();
    let mode = options
        .mode
        .or(monitored.map(|s| Mode::infer(&s.name)))
        .unwrap_or(Mode::Min);
    let best_point = monitored.and_then(|s| best(&s.x, &s.y, mode));
    let stop = monitored.map(|s| early_stopping(&s.y, mode, options.patience, options.min_delta));
    let x_at = |i: Option<usize>| -> Option<f64> { Some(monitored?.x[i?]) };
    let early = EarlyStoppingJson {
        patience: options.patience,
        min_delta: options.min_delta,
        stopped_index: stop.and_then(|s| s.stopped_index).map(|i| i as u64),
        stopped_x: x_at(stop.and_then(|s| s.stopped_index)),
        best_index: stop.and_then(|s| s.best_index).map(|i| i as u64),
        best_x: x_at(stop.and_then(|s| s.best_index)),
        best_value: stop.and_then(|s| s.best_value),
    };
    let hf_best = log.hf.as_ref().map(|hf| {
        let step = hf.best_global_step.or(hf
            .best_model_checkpoint
            .as_deref()
            .and_then(checkpoint_step));
        let agrees = match (step, best_point, log.x_axis) {
            (Some(step), Some(b), XAxis::Step) => Some(b.x == step as f64),
            _ => None,
        };
        HfBestJson {
            best_metric: hf.best_metric.and_then(finite),
            best_model_checkpoint: hf.best_model_checkpoint.clone(),
            best_global_step: hf.best_global_step,
            agrees,
        }
    });
    let series = OrderedMap(
        log.series
            .iter()
            .map(|s| {
                let smoothed = smooth(&s.y, options.smoothing);
                let keep = drawn(&s.y, options.curves);
                let json = SeriesJson {
                    role: s.role.id(),
                    x: keep.iter().map(|&i| s.x[i]).collect(),
                    y: keep.iter().map(|&i| finite(s.y[i])).collect(),
                    smoothed: keep.iter().map(|&i| finite(smoothed[i])).collect(),
                    points: s.y.len() as u64,
                    complete: keep.len() == s.y.len(),
                };
                (s.name.clone(), json)
            })
            .collect(),
    );
    let (findings, warnings, verdict) =
        diagnosis(log, monitored, mode, options.smoothing, best_point);
    Ok(TrainingReport {
        kind: "training",
        format: log.format.id(),
        x: log.x_axis.id(),
        files: log.files.clone(),
        series,
        monitor: monitored.map(|s| s.name.clone()),
        mode: mode.id(),
        best: best_point.map(|b| BestJson {
            index: b.index as u64,
            x: b.x,
            value: b.value,
        }),
        hf_best,
        early_stopping: early,
        findings,
        warnings,
        verdict,
        summary: log
            .hf
            .as_ref()
            .map(|hf| {
                // Python writes a diverged run's mean loss as a bare NaN: a
                // value that is not a finite number is left out, never a NaN.
                let finite_only = hf.summary.iter().filter(|(_, v)| v.is_finite());
                finite_only.cloned().collect::<Vec<_>>()
            })
            .filter(|summary| !summary.is_empty())
            .map(OrderedMap),
        options: TrainingOptionsJson {
            monitor: monitored.map(|s| s.name.clone()),
            mode: mode.id(),
            mode_inferred,
            patience: options.patience,
            min_delta: options.min_delta,
            smoothing: options.smoothing,
            presets: OrderedMap(
                PRESETS
                    .iter()
                    .map(|&(name, patience, min_delta)| {
                        (
                            name.to_string(),
                            Preset {
                                patience,
                                min_delta,
                            },
                        )
                    })
                    .collect(),
            ),
        },
    })
}
