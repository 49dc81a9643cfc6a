//! PyTorch Lightning `CSVLogger` files (`version_N/metrics.csv`).
//!
//! What Lightning writes (`lightning.fabric.loggers.csv_logs._ExperimentWriter`):
//! each `log_metrics` call appends one row of its metrics plus `step`; the
//! trainer adds `epoch` to the metrics it logs (a `LearningRateMonitor`
//! logs through the logger directly, so its rows have no `epoch`). The
//! columns are the sorted union of every key logged so far (the file is
//! rewritten when a new key appears) and `csv.DictWriter` leaves a key not
//! in that call empty. So training-step rows (`train_loss_step`, every
//! `log_every_n_steps`), epoch-end rows (`train_loss_epoch`) and validation
//! rows (`val_loss`, `val_acc`) interleave with empty cells. A metric
//! logged both ways gets `_step` and `_epoch` suffixes.
//!
//! x = `step`; one series per column except `epoch` and `step`, each from
//! the rows where its cell is present.

use super::csv_table::ColumnPlan;

/// Whether the header has Lightning's `epoch` and `step` columns.
pub fn has_step_and_epoch(header: &[String]) -> bool {
    header.iter().any(|n| n == "step") && header.iter().any(|n| n == "epoch")
}

/// Whether a CSV with `step` and `epoch` columns is Lightning's: its
/// columns are sorted (the sorted union of keys), or its rows interleave
/// with empty cells. (A hand-written `epoch,step,loss` log with every cell
/// filled is a plain CSV.)
pub fn is_lightning(header: &[String], saw_missing: bool) -> bool {
    has_step_and_epoch(header) && (saw_missing || header.is_sorted())
}

/// x = `step`; every column but `step` and `epoch` a series.
pub fn plan(header: &[String]) -> ColumnPlan {
    let x = header.iter().position(|n| n == "step").unwrap_or(0);
    ColumnPlan {
        x,
        x_word: "step",
        series: (0..header.len())
            .filter(|&i| header[i] != "step" && header[i] != "epoch")
            .collect(),
    }
}
