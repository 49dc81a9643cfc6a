//! The diagnosis of a training run, glued together: the log's curves handed
//! to the findings (`metrics/training/diagnosis.rs`: numbers), their
//! sentences and the verdict (`report/training_words.rs`), and the check of
//! a Hugging Face file's own best checkpoint against the computed one.
//!
//! Which curves: the first training loss and the first validation loss of
//! the log, in file order (for Lightning, `train_loss_epoch` sorts before
//! `train_loss_step`, so the per-epoch loss is taken), and the monitored
//! series.

use crate::input::training::{Series, SeriesRole, TrainingLog};
use crate::metrics::training::diagnosis::{diagnose, file_best_disagrees, Curve, RunCurves};
use crate::metrics::training::findings::Finding;
use crate::metrics::training::{Best, Mode};
use crate::report::contract::OrderedMap;
use crate::report::training_words::{verdict, warnings, TrainingVerdict};
use crate::report::warnings::Warning;

/// Findings (id → numbers), warnings (most serious first) and the verdict of a run.
pub fn diagnosis(
    log: &TrainingLog,
    monitored: Option<&Series>,
    mode: Mode,
    smoothing: f64,
    best: Option<Best>,
) -> (OrderedMap<serde_json::Value>, Vec<Warning>, TrainingVerdict) {
    fn curve(s: &Series) -> Curve<'_> {
        Curve {
            name: &s.name,
            x: &s.x,
            y: &s.y,
        }
    }
    let first = |role: SeriesRole| log.series.iter().find(|s| s.role == role).map(curve);
    let run = RunCurves {
        train_loss: first(SeriesRole::TrainLoss),
        val_loss: first(SeriesRole::ValLoss),
        validation_logged: log
            .series
            .iter()
            .any(|s| matches!(s.role, SeriesRole::ValLoss | SeriesRole::ValMetric)),
    };
    let mut findings: Vec<Finding> = diagnose(&run, monitored.map(curve), mode, smoothing);
    if let (Some(hf), Some(m)) = (&log.hf, monitored) {
        findings.extend(file_best_disagrees(
            best.as_ref(),
            &m.name,
            hf.best_global_step,
            hf.best_model_checkpoint.as_deref(),
            hf.best_metric,
        ));
    }
    let x_name = log.x_axis.id();
    let numbers = OrderedMap(
        findings
            .iter()
            .map(|f| {
                // Plain structs of numbers and names: serializing cannot fail.
                let value = serde_json::to_value(f).unwrap_or(serde_json::Value::Null);
                (f.id().to_string(), value)
            })
            .collect(),
    );
    let last_x = monitored.and_then(|m| m.x.last().copied());
    let name = monitored.map_or("", |m| m.name.as_str());
    let verdict = verdict(&findings, name, best.as_ref(), last_x, x_name);
    (numbers, warnings(&findings, x_name), verdict)
}
