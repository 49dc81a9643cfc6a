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
use crate::metrics::id::MetricId;
use crate::metrics::per_class::{averages, ClassRow};
use crate::options::{ReportOptions, Task, Thresholds};
use crate::report::warnings::{Severity, Warning, WarningId};
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

/// A metric a verdict can require: the task→metrics table of every report
/// kind (binary reports judge the metric, multiclass its macro average).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judged {
    /// F1, against `min_f1`.
    F1,
    /// Precision, against `min_precision`.
    Precision,
    /// Recall, against `min_recall`.
    Recall,
}

impl Judged {
    /// The metric judged.
    pub fn metric(self) -> MetricId {
        match self {
            Judged::F1 => MetricId::F1,
            Judged::Precision => MetricId::Precision,
            Judged::Recall => MetricId::Recall,
        }
    }

    /// Its bar among the user's thresholds.
    pub fn bar(self, t: &Thresholds) -> f64 {
        match self {
            Judged::F1 => t.min_f1,
            Judged::Precision => t.min_precision,
            Judged::Recall => t.min_recall,
        }
    }
}

/// The metrics a task requires, the watched one first: balanced tasks need
/// F1, precision and recall; the others the one metric whose mistakes cost.
pub fn required(task: Task) -> &'static [Judged] {
    match task {
        Task::Balanced => &[Judged::F1, Judged::Precision, Judged::Recall],
        Task::FalseAlarmsCostly => &[Judged::Precision],
        Task::MissesCostly => &[Judged::Recall],
    }
}

/// A requirement: what is judged, its value, and its bar.
struct Bar {
    judged: Judged,
    value: Option<f64>,
    bar: f64,
}

/// Judges binary counts for the task in `options`. `value` looks up a metric
/// (None when undefined); `warnings` are the report's warnings.
pub fn binary_verdict(
    c: &ConfusionCounts,
    value: &dyn Fn(MetricId) -> Option<f64>,
    options: &ReportOptions,
    warnings: &[Warning],
) -> Verdict {
    let t = options.thresholds;
    let task = options.task;
    let required: Vec<Bar> = required(task)
        .iter()
        .map(|&judged| Bar {
            judged,
            value: value(judged.metric()),
            bar: judged.bar(&t),
        })
        .collect();
    let watch = required[0].judged.metric();
    let mut reasons = Vec::new();
    let mut status = Status::Fit;
    let mut headline_reason: Option<String> = None;

    let degenerate = warnings.iter().find(|w| w.id == WarningId::Degenerate);
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
        let id = r.judged.metric();
        match r.value {
            None => {
                status = Status::NotFit;
                headline_reason
                    .get_or_insert_with(|| format!("{id} is undefined, so it cannot be judged"));
                reasons.push(format!("{} is undefined for these counts.", id.name()));
            }
            Some(v) if v >= r.bar => reasons.push(format!(
                "{} {} meets the {} bar.",
                id.name(),
                value4(Some(v)),
                value2(r.bar)
            )),
            Some(v) => {
                let short = r.bar - v;
                status = after_shortfall(status, short);
                let why = shortfall_in_words(r.judged, v, r.bar, c);
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
            if let Some(p) = value(MetricId::Precision) {
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
            if let Some(r) = value(MetricId::Recall) {
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
        .any(|w| w.id == WarningId::AccuracyParadox && w.severity == Severity::High)
    {
        if let (Some(acc), Some(nir)) = (
            value(MetricId::Accuracy),
            value(MetricId::NoInformationRate),
        ) {
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
            watch.name(),
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
    // Do not repeat the headline's own reason as the first bullet. ASCII
    // lowercasing: these sentences are fitcheck's own words, metric names and
    // numbers (no user text), whose only non-ASCII characters (−, –, …) have
    // no case, so it gives what `to_lowercase` gives, without the Unicode case
    // tables that were about 8 kB (gzipped) of the page's core.
    let said = headline.to_ascii_lowercase();
    reasons.retain(|r| !said.contains(r.trim_end_matches('.').to_ascii_lowercase().as_str()));
    let watch_label = format!(
        "{} {}, bar {}",
        watch.name(),
        value4(value(watch)),
        value2(required[0].bar)
    );
    Verdict {
        status,
        task,
        watch: watch.id(),
        watch_label,
        headline,
        reasons,
    }
}

fn shortfall_in_words(judged: Judged, v: f64, bar: f64, c: &ConfusionCounts) -> String {
    match judged {
        Judged::Recall => format!(
            "it misses {} of real positives ({} of {}; recall {}, needs {})",
            percent(1.0 - v),
            count(c.fn_),
            count(c.actual_positive()),
            value4(Some(v)),
            value2(bar)
        ),
        Judged::Precision => format!(
            "{} of its positive calls are false alarms ({} of {}; precision {}, needs {})",
            percent(1.0 - v),
            count(c.fp),
            count(c.predicted_positive()),
            value4(Some(v)),
            value2(bar)
        ),
        Judged::F1 => format!(
            "{} {} is below the {} bar",
            judged.metric().name(),
            value4(Some(v)),
            value2(bar)
        ),
    }
}

/// Judges a multiclass report on its macro averages for the task in
/// `options`; a class never predicted or a constant model is never fit.
pub fn multiclass_verdict(
    rows: &[ClassRow],
    options: &ReportOptions,
    warnings: &[Warning],
) -> Verdict {
    let avg = averages(rows, &[]).macro_avg;
    let t = options.thresholds;
    let judged = required(options.task);
    let required: Vec<(&str, f64, f64)> = judged
        .iter()
        .map(|&judged| {
            let (name, v) = match judged {
                Judged::F1 => ("macro F1", avg.f1),
                Judged::Precision => ("macro precision", avg.precision),
                Judged::Recall => ("macro recall", avg.recall),
            };
            (name, v, judged.bar(&t))
        })
        .collect();
    let watch = judged[0].metric().id();
    let mut status = Status::Fit;
    let mut reasons = Vec::new();
    let mut worst: Option<(f64, String)> = None;
    for (name, v, bar) in &required {
        if v >= bar {
            reasons.push(format!(
                "{} {} meets the {} bar.",
                capitalize(name),
                value4(Some(*v)),
                value2(*bar)
            ));
        } else {
            let short = bar - v;
            status = after_shortfall(status, short);
            let why = format!(
                "{name} {} is below the {} bar",
                value4(Some(*v)),
                value2(*bar)
            );
            reasons.push(format!("{}.", capitalize(&why)));
            if worst.as_ref().is_none_or(|(s, _)| short > *s) {
                worst = Some((short, why));
            }
        }
    }
    for w in warnings.iter().filter(|w| {
        matches!(
            w.id,
            WarningId::NeverPredicted | WarningId::Degenerate | WarningId::AccuracyParadox
        )
    }) {
        if w.id != WarningId::AccuracyParadox {
            status = Status::NotFit;
        }
        reasons.push(w.message.clone());
    }
    let phrase = options.task.phrase();
    let headline = match status {
        Status::Fit => format!("Fit for a task {phrase}: every class-averaged bar is met."),
        Status::Borderline => format!(
            "Borderline for a task {phrase}: {}.",
            worst.map(|w| w.1).unwrap_or_default()
        ),
        Status::NotFit => format!(
            "Not fit for production {phrase}: {}.",
            worst
                .map(|w| w.1)
                .unwrap_or_else(|| "some classes are never predicted".into())
        ),
    };
    let watch_label = format!(
        "{} {}, bar {}",
        capitalize(required[0].0),
        value4(Some(required[0].1)),
        value2(required[0].2)
    );
    Verdict {
        status,
        task: options.task,
        watch,
        watch_label,
        headline,
        reasons,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_watched_metric_leads_the_task_table() {
        for task in Task::ALL {
            assert_eq!(required(task)[0].metric().id(), task.watched_metric());
        }
    }
}
