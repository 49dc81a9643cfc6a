//! The verdict: is the model fit for the user's task, judged by the metric
//! that task cares about, in words.
//!
//! Rules: the watched metric (F1 for balanced tasks, precision when false
//! alarms are costly, recall when misses are costly) must meet its bar; for
//! balanced tasks precision and recall must each meet theirs too. Missing a
//! bar by at most [`BORDERLINE_MARGIN`] is "borderline"; by more, "not fit".
//! A model that never or always predicts positive is never fit.

use crate::format::{capitalize, count, percent, value2, value4};
use crate::input::counts::ConfusionCounts;
use crate::options::{ReportOptions, Task};
use crate::report::explain::metric_name;
use crate::report::warnings::{Severity, Warning};
use serde::Serialize;

/// How far below a bar still counts as borderline rather than not fit.
pub const BORDERLINE_MARGIN: f64 = 0.05;

/// The three possible outcomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Meets every bar for the task.
    Fit,
    /// Just short of a bar: usable with care, or worth one more iteration.
    Borderline,
    /// Falls clearly short: not fit for production on this task.
    NotFit,
}

/// The verdict for one task.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    /// Fit, borderline or not fit.
    pub status: Status,
    /// The task judged.
    pub task: Task,
    /// The metric this task watches (a metric id).
    pub watch: &'static str,
    /// The watched metric in words, with its value and bar:
    /// `Recall (sensitivity) 0.1200, bar 0.85`.
    pub watch_label: String,
    /// One sentence.
    pub headline: String,
    /// The reasons behind it, most important first.
    pub reasons: Vec<String>,
}

/// The status after a bar is missed by `short`: borderline within
/// [`BORDERLINE_MARGIN`], not fit beyond; never better than `status` was.
pub fn after_shortfall(status: Status, short: f64) -> Status {
    let this = if short <= BORDERLINE_MARGIN {
        Status::Borderline
    } else {
        Status::NotFit
    };
    if this == Status::NotFit || status == Status::Fit {
        this
    } else {
        status
    }
}

/// A requirement: metric id, its value, and its bar.
struct Bar {
    id: &'static str,
    value: Option<f64>,
    bar: f64,
}

/// Judges binary counts for the task in `options`. `value` looks up a metric
/// (None when undefined); `warnings` are the report's warnings.
pub fn binary_verdict(
    c: &ConfusionCounts,
    value: &dyn Fn(&str) -> Option<f64>,
    options: &ReportOptions,
    warnings: &[Warning],
) -> Verdict {
    let t = options.thresholds;
    let task = options.task;
    let watch = task.watched_metric();
    let bar = |id: &'static str, bar: f64| Bar {
        id,
        value: value(id),
        bar,
    };
    let required = match task {
        Task::Balanced => vec![
            bar("f1", t.min_f1),
            bar("precision", t.min_precision),
            bar("recall", t.min_recall),
        ],
        Task::FalseAlarmsCostly => vec![bar("precision", t.min_precision)],
        Task::MissesCostly => vec![bar("recall", t.min_recall)],
    };
    let mut reasons = Vec::new();
    let mut status = Status::Fit;
    let mut headline_reason: Option<String> = None;

    let degenerate = warnings.iter().find(|w| w.id == "degenerate");
    if let Some(w) = degenerate {
        status = Status::NotFit;
        headline_reason = Some(if c.predicted_positive() == 0 {
            "the model never predicts positive".into()
        } else {
            "the model always predicts positive".into()
        });
        reasons.push(w.message.clone());
    }

    // The headline names the bar missed by the most.
    let mut worst_shortfall = 0.0;
    for r in &required {
        match r.value {
            None => {
                status = Status::NotFit;
                headline_reason.get_or_insert_with(|| {
                    format!("{} is undefined, so it cannot be judged", r.id)
                });
                reasons.push(format!(
                    "{} is undefined for these counts.",
                    metric_name(r.id)
                ));
            }
            Some(v) if v >= r.bar => reasons.push(format!(
                "{} {} meets the {} bar.",
                metric_name(r.id),
                value4(Some(v)),
                value2(r.bar)
            )),
            Some(v) => {
                let short = r.bar - v;
                status = after_shortfall(status, short);
                let why = shortfall_in_words(r.id, v, r.bar, c);
                if degenerate.is_none() && short > worst_shortfall {
                    worst_shortfall = short;
                    headline_reason = Some(why.clone());
                }
                reasons.push(format!("{}.", capitalize(&why)));
            }
        }
    }

    // Advice on the metric the task does not require but the user will feel.
    match task {
        Task::MissesCostly => {
            if let Some(p) = value("precision") {
                if p < t.min_precision {
                    reasons.push(format!(
                        "Precision is {}: about {} of every 10 alerts are false alarms; acceptable only if checking an alert is cheap.",
                        value4(Some(p)),
                        ((1.0 - p) * 10.0).round()
                    ));
                }
            }
        }
        Task::FalseAlarmsCostly => {
            if let Some(r) = value("recall") {
                if r < t.min_recall {
                    reasons.push(format!(
                        "Recall is {}: it lets {} of real positives through; acceptable only if misses are cheap.",
                        value4(Some(r)),
                        percent(1.0 - r)
                    ));
                }
            }
        }
        Task::Balanced => {}
    }

    if warnings
        .iter()
        .any(|w| w.id == "accuracy_paradox" && w.severity == Severity::High)
    {
        if let (Some(acc), Some(nir)) = (value("accuracy"), value("no_information_rate")) {
            reasons.push(format!(
                "Accuracy {} is misleading here: always predicting the majority class would score {}.",
                value4(Some(acc)),
                value4(Some(nir))
            ));
        }
    }

    let headline = match status {
        Status::Fit => format!(
            "Fit for a task {}: {} {} meets the {} bar.",
            task.phrase(),
            metric_name(watch),
            value4(value(watch)),
            value2(required[0].bar)
        ),
        Status::Borderline => format!(
            "Borderline for a task {}: {}. Usable with care; one more round of improvement would settle it.",
            task.phrase(),
            headline_reason.unwrap_or_default()
        ),
        Status::NotFit => format!(
            "Not fit for production {}: {}.",
            task.phrase(),
            headline_reason.unwrap_or_default()
        ),
    };
    // Do not repeat the headline's own reason as the first bullet.
    let said = headline.to_lowercase();
    reasons.retain(|r| !said.contains(r.trim_end_matches('.').to_lowercase().as_str()));
    let bar = match watch {
        "precision" => t.min_precision,
        "recall" => t.min_recall,
        _ => t.min_f1,
    };
    let watch_label = format!(
        "{} {}, bar {}",
        metric_name(watch),
        value4(value(watch)),
        value2(bar)
    );
    Verdict {
        status,
        task,
        watch,
        watch_label,
        headline,
        reasons,
    }
}

fn shortfall_in_words(id: &str, v: f64, bar: f64, c: &ConfusionCounts) -> String {
    match id {
        "recall" => format!(
            "it misses {} of real positives ({} of {}; recall {}, needs {})",
            percent(1.0 - v),
            count(c.fn_),
            count(c.actual_positive()),
            value4(Some(v)),
            value2(bar)
        ),
        "precision" => format!(
            "{} of its positive calls are false alarms ({} of {}; precision {}, needs {})",
            percent(1.0 - v),
            count(c.fp),
            count(c.predicted_positive()),
            value4(Some(v)),
            value2(bar)
        ),
        _ => format!(
            "{} {} is below the {} bar",
            metric_name(id),
            value4(Some(v)),
            value2(bar)
        ),
    }
}
