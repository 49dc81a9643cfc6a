//! The words of a training run: one warning per diagnosis finding, with the
//! run's own numbers, and the verdict (healthy, watch or unhealthy).
//!
//! Severity and status of each id (the verdict takes the worst status; its
//! headline comes from the worst finding, by status, then severity, then
//! the diagnosis order):
//!
//! | id | severity | status |
//! | --- | --- | --- |
//! | `non_finite_loss` | high | unhealthy |
//! | `diverging` | high | unhealthy |
//! | `overfitting` | high | watch (keep the checkpoint at the validation minimum) |
//! | `loss_not_improving` | medium | watch |
//! | `loss_spike` | medium | watch |
//! | `no_validation` | medium | watch |
//! | `best_checkpoint_disagrees` | low | healthy (information only) |

use crate::format::{counted, plain};
use crate::metrics::training::best::Best;
use crate::metrics::training::findings::*;
use crate::report::warnings::{Severity, Warning, WarningId};
use serde::Serialize;

/// The overall state of a training run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TrainingStatus {
    /// Nothing to worry about.
    Healthy,
    /// Usable with care: pick the named checkpoint, or look again.
    Watch,
    /// The run broke: NaN values or a diverging loss.
    Unhealthy,
}

/// The verdict on a training run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrainingVerdict {
    /// Healthy, watch or unhealthy.
    pub status: TrainingStatus,
    /// One sentence.
    pub headline: String,
    /// Every warning's sentence, most serious first (the healthy sentence
    /// when there is none).
    pub reasons: Vec<String>,
    /// Step or epoch of the checkpoint to keep (the validation minimum when
    /// overfitting, else the monitored series' best); `None` without one.
    pub checkpoint: Option<f64>,
}

/// The id, severity and status of a finding (see the module table).
pub fn classify(finding: &Finding) -> (WarningId, Severity, TrainingStatus) {
    use Severity::*;
    use TrainingStatus::*;
    match finding {
        Finding::NonFiniteLoss(_) => (WarningId::NonFiniteLoss, High, Unhealthy),
        Finding::Diverging(_) => (WarningId::Diverging, High, Unhealthy),
        Finding::Overfitting(_) => (WarningId::Overfitting, High, Watch),
        Finding::LossNotImproving(_) => (WarningId::LossNotImproving, Medium, Watch),
        Finding::LossSpike(_) => (WarningId::LossSpike, Medium, Watch),
        Finding::NoValidation(_) => (WarningId::NoValidation, Medium, Watch),
        Finding::BestCheckpointDisagrees(_) => (WarningId::BestCheckpointDisagrees, Low, Healthy),
    }
}

/// A loss or metric value: 3 decimals from 0.01 up, 3 significant digits in
/// scientific notation outside [0.01, 100000); a leading minus as `−`.
fn v(x: f64) -> String {
    let size = x.abs();
    let text = if x == 0.0 {
        "0".to_string()
    } else if (0.01..1e5).contains(&size) {
        format!("{x:.3}")
    } else {
        format!("{x:.2e}")
    };
    minus(text)
}

/// The leading `-` of a number as `−` (an exponent's sign stays ASCII).
fn minus(text: String) -> String {
    match text.strip_prefix('-') {
        Some(rest) => format!("−{rest}"),
        None => text,
    }
}

/// A step or epoch as logged: `step 400`, `epoch 2.5`.
fn at(x_name: &str, x: f64) -> String {
    format!("{x_name} {}", plain(x))
}

/// A percentage with one decimal and its sign: `+12.5%`.
fn pct(p: f64) -> String {
    minus(format!("{p:+.1}%"))
}

/// `once`, `3 times`.
fn times(n: usize) -> String {
    if n == 1 {
        "once".to_string()
    } else {
        format!("{} times", crate::format::count(n as u64))
    }
}

/// The warning for a finding; `x_name` is `"step"` or `"epoch"`.
pub fn warning(finding: &Finding, x_name: &str) -> Warning {
    let (id, severity, _) = classify(finding);
    let message = match finding {
        Finding::Overfitting(f) => overfitting(f, x_name),
        Finding::LossNotImproving(f) => loss_not_improving(f, x_name),
        Finding::NonFiniteLoss(f) => non_finite_loss(f, x_name),
        Finding::LossSpike(f) => loss_spike(f, x_name),
        Finding::Diverging(f) => diverging(f, x_name),
        Finding::NoValidation(f) => no_validation(f),
        Finding::BestCheckpointDisagrees(f) => best_checkpoint_disagrees(f, x_name),
    };
    Warning {
        id,
        severity,
        message,
    }
}

/// Every finding's warning, most serious first (status, then severity; the
/// diagnosis order on ties).
pub fn warnings(findings: &[Finding], x_name: &str) -> Vec<Warning> {
    let mut order: Vec<&Finding> = findings.iter().collect();
    order.sort_by_key(|f| {
        let (_, severity, status) = classify(f);
        (std::cmp::Reverse(status), std::cmp::Reverse(severity))
    });
    order.into_iter().map(|f| warning(f, x_name)).collect()
}

/// `overfitting`: where validation loss was lowest, how it rose, the gaps
/// and Prechelt's generalisation loss.
pub fn overfitting(f: &Overfitting, x_name: &str) -> String {
    let best = at(x_name, f.best_x);
    let mut text = format!(
        "Validation loss was lowest at {best} ({}) and then rose for {} ({} at the end) while training loss kept falling ({} → {}): keep checkpoint {}; later checkpoints memorise the training data.",
        v(f.best_value),
        counted(f.rise_evaluations as u64, "evaluation", "evaluations"),
        pct(f.generalisation_loss),
        v(f.train_at_best),
        v(f.train_at_end),
        plain(f.best_x),
    );
    if let (Some(gap_best), Some(gap_end)) = (f.gap_at_best, f.gap_at_end) {
        text.push_str(&format!(
            " The gap between validation and training loss went from {} at {best} to {} at the end.",
            v(gap_best),
            v(gap_end)
        ));
    }
    text.push_str(&format!(
        " Prechelt's generalisation loss GL = 100·(E_va/E_opt − 1) is {:.1} at the end (the threshold here is {}).",
        f.generalisation_loss,
        plain(OVERFITTING_MIN_GL)
    ));
    text
}

/// `loss_not_improving`: the flat last third, with the Theil–Sen slope.
pub fn loss_not_improving(f: &LossNotImproving, x_name: &str) -> String {
    format!(
        "{} has stalled over the last third of the run ({}s {}–{}, {}): its Theil–Sen slope is {} per {x_name} (95% interval {} to {}, which includes 0) and it improved by {} along that line (less than {}). Training has stalled: lower the learning rate or stop.",
        f.series,
        x_name,
        plain(f.from_x),
        plain(f.to_x),
        counted(f.points as u64, "point", "points"),
        v(f.slope),
        v(f.slope_low),
        v(f.slope_high),
        pct(100.0 * f.relative_improvement),
        pct(100.0 * FLAT_RELATIVE_CHANGE).trim_start_matches('+'),
    )
}

/// `non_finite_loss`: the first series and step with NaN or infinity.
pub fn non_finite_loss(f: &NonFiniteLoss, x_name: &str) -> String {
    let what = if f.nan { "NaN" } else { "infinite" };
    format!(
        "{} became {what} at {} ({} in that series): the run broke there. Lower the learning rate, clip gradients or check the data for bad values; checkpoints from {} on are suspect.",
        f.series,
        at(x_name, f.x),
        counted(f.count as u64, "non-finite value", "non-finite values"),
        at(x_name, f.x),
    )
}

/// `loss_spike`: how many spikes and the largest.
pub fn loss_spike(f: &LossSpike, x_name: &str) -> String {
    let times = times(f.count);
    format!(
        "Training loss ({}) jumped above {}× its smoothed value {times}; the largest jump, at {}, reached {} against {} just before. Isolated spikes are often harmless; frequent ones suggest a learning rate that is too high or bad batches.",
        f.series,
        plain(SPIKE_FACTOR),
        at(x_name, f.x),
        v(f.value),
        v(f.smoothed_before),
    )
}

/// `diverging`: the smoothed minimum and how far the end is above it.
pub fn diverging(f: &Diverging, x_name: &str) -> String {
    let rise = f
        .rise_percent
        .map_or(String::new(), |p| format!(", {}", pct(p)));
    format!(
        "Training loss ({}) is diverging: smoothed, it was lowest at {} ({}) and ended at {} at {}{rise}, more than {}% above its minimum. Lower the learning rate, or restart from checkpoint {}.",
        f.series,
        at(x_name, f.min_x),
        v(f.min_value),
        v(f.end_value),
        at(x_name, f.end_x),
        plain(100.0 * DIVERGING_SHARE),
        plain(f.min_x),
    )
}

/// `no_validation`: only training loss is logged.
pub fn no_validation(f: &NoValidation) -> String {
    let logged = f
        .train_series
        .as_ref()
        .map_or(String::new(), |name| format!(" ({name})"));
    format!(
        "Only training loss is logged{logged}: the training loss alone cannot show overfitting; log an evaluation set (an eval dataset and eval strategy in the Hugging Face Trainer, validation_data in Keras, a validation step in Lightning)."
    )
}

/// `best_checkpoint_disagrees`: the file's own best against the computed one.
pub fn best_checkpoint_disagrees(f: &BestCheckpointDisagrees, x_name: &str) -> String {
    let metric = f
        .file_metric
        .map_or(String::new(), |m| format!(" (best_metric {})", v(m)));
    format!(
        "The file names {} as its best checkpoint{metric}, but {} is best at {} ({}). The Trainer only chooses among saved checkpoints (save_steps) and by metric_for_best_model, which may be another metric.",
        at(x_name, f.file_step),
        f.series,
        at(x_name, f.best_x),
        v(f.best_value),
    )
}

/// The sentence of a run without findings: where the best evaluation is.
pub fn healthy_sentence(
    monitor: &str,
    best: Option<&Best>,
    last_x: Option<f64>,
    x_name: &str,
) -> String {
    match (best, last_x) {
        (Some(b), Some(last)) if b.x != last => format!(
            "Training and validation loss decreased steadily; {monitor} was best at {} ({}), before the last evaluation at {}, and changed too little since to call it overfitting.",
            at(x_name, b.x),
            v(b.value),
            at(x_name, last),
        ),
        _ => "Training and validation loss decreased steadily; best at the last evaluation; no sign of overfitting.".to_string(),
    }
}

/// The verdict: the worst finding's status and headline, every warning as a
/// reason, and the checkpoint to keep. `best` is the monitored series'
/// best, `last_x` its last step or epoch.
pub fn verdict(
    findings: &[Finding],
    monitor: &str,
    best: Option<&Best>,
    last_x: Option<f64>,
    x_name: &str,
) -> TrainingVerdict {
    let overfit_at = findings.iter().find_map(|f| match f {
        Finding::Overfitting(o) => Some(o.best_x),
        _ => None,
    });
    let checkpoint = overfit_at.or(best.map(|b| b.x));
    let status = findings
        .iter()
        .map(|f| classify(f).2)
        .max()
        .unwrap_or(TrainingStatus::Healthy);
    let mut reasons: Vec<String> = warnings(findings, x_name)
        .into_iter()
        .map(|w| w.message)
        .collect();
    let worst = findings
        .iter()
        .enumerate()
        .max_by_key(|(k, f)| {
            let (_, severity, status) = classify(f);
            (status, severity, std::cmp::Reverse(*k))
        })
        .map(|(_, f)| f);
    let headline = match worst {
        Some(f) if status != TrainingStatus::Healthy => headline(f, x_name),
        _ => {
            let sentence = healthy_sentence(monitor, best, last_x, x_name);
            reasons.push(sentence.clone());
            match checkpoint {
                Some(x) => format!("Healthy: keep checkpoint {}. {sentence}", plain(x)),
                None => format!("Healthy. {sentence}"),
            }
        }
    };
    TrainingVerdict {
        status,
        headline,
        reasons,
        checkpoint,
    }
}

/// The headline for the worst finding.
fn headline(f: &Finding, x_name: &str) -> String {
    match f {
        Finding::NonFiniteLoss(n) => format!(
            "Unhealthy: {} became {} at {}.",
            n.series,
            if n.nan { "NaN" } else { "infinite" },
            at(x_name, n.x)
        ),
        Finding::Diverging(d) => format!(
            "Unhealthy: the training loss is diverging after {}.",
            at(x_name, d.min_x)
        ),
        Finding::Overfitting(o) => format!(
            "Watch: overfitting after {}; keep checkpoint {}.",
            at(x_name, o.best_x),
            plain(o.best_x)
        ),
        Finding::LossNotImproving(l) => format!(
            "Watch: {} has stopped improving over the last third of the run.",
            l.series
        ),
        Finding::LossSpike(s) => format!(
            "Watch: the training loss spiked {} (largest at {}).",
            times(s.count),
            at(x_name, s.x)
        ),
        Finding::NoValidation(_) => {
            "Watch: no validation set is logged, so overfitting cannot be checked.".to_string()
        }
        Finding::BestCheckpointDisagrees(_) => {
            "Healthy, but the file's own best checkpoint is not the computed best.".to_string()
        }
    }
}
