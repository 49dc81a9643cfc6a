//! The one settings type of fitcheck. Both doors (the CLI and the wasm
//! boundary) turn what the user gave into a [`Settings`], every field
//! optional, and call [`Settings::resolve`], which fills each missing setting
//! from its default and checks every value against its range. Defaults live
//! once, beside the types they fill ([`ReportOptions`], [`FileReportOptions`],
//! [`OperatingGoals`], [`DemoOptions`], [`DEFAULT_MAX_CLASSES`]); the page
//! and `fitcheck --help` read them from [`defaults`].
//!
//! ```
//! use fitcheck::report::settings::Settings;
//! let resolved = Settings { beta: Some(2.0), ..Settings::default() }.resolve().unwrap();
//! assert_eq!(resolved.file.report.beta, 2.0);
//! assert_eq!(resolved.file.threshold, 0.5); // the default
//! let err = Settings { beta: Some(1e7), ..Settings::default() }.resolve().unwrap_err();
//! assert!(err.to_string().contains("at most 1000000"));
//! ```

use crate::error::Error;
use crate::input::demo::{DemoOptions, MAX_DEMO_SIZE};
use crate::input::ingest::DEFAULT_MAX_CLASSES;
use crate::metrics::bootstrap::{Resampling, MAX_RESAMPLES, MIN_RESAMPLES};
use crate::metrics::operating_points::OperatingGoals;
use crate::metrics::training::Mode;
use crate::options::{invalid, ReportOptions, Task, Thresholds, MAX_BETA};
use crate::report::file_report::FileReportOptions;
use crate::report::score_report::CurveDetail;
use crate::report::training::{TrainingOptions, MAX_PATIENCE, MAX_SMOOTHING};
use serde::Serialize;

/// Largest accepted limit on distinct labels: class indices are 32-bit.
pub const MAX_MAX_CLASSES: f64 = u32::MAX as f64;

/// Largest whole number a JavaScript number (and an f64) holds exactly: 2^53.
const MAX_EXACT_WHOLE: f64 = 9_007_199_254_740_992.0;

/// Everything a user can set, each setting optional: `None` takes the
/// default. Numbers arrive already read by [`crate::options::parse_number`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings {
    /// F-beta weight.
    pub beta: Option<f64>,
    /// Task id (`balanced`, `false_alarms_costly`, `misses_costly`).
    pub task: Option<String>,
    /// Bar for precision.
    pub min_precision: Option<f64>,
    /// Bar for recall.
    pub min_recall: Option<f64>,
    /// Bar for F1.
    pub min_f1: Option<f64>,
    /// Score threshold (score files).
    pub threshold: Option<f64>,
    /// Slider rank among the distinct scores; overrides `threshold`.
    pub rank: Option<f64>,
    /// The positive label (binary files).
    pub positive: Option<String>,
    /// Cost of one false positive.
    pub cost_fp: Option<f64>,
    /// Cost of one false negative.
    pub cost_fn: Option<f64>,
    /// Prevalence expected in use (default: the file's own).
    pub prevalence: Option<f64>,
    /// Recall to reach, for the best precision at that recall.
    pub target_recall: Option<f64>,
    /// Precision to keep, for the best recall at that precision.
    pub target_precision: Option<f64>,
    /// How much of the curves to include.
    pub curves: Option<CurveDetail>,
    /// Most distinct labels accepted before asking whether the column is right.
    pub max_classes: Option<f64>,
    /// Bootstrap resamples of the F1, MCC and average precision intervals
    /// (and of a comparison's differences).
    pub resamples: Option<f64>,
    /// Seed of the bootstrap's random numbers.
    pub seed: Option<f64>,
    /// The demo's controls.
    pub demo: DemoSettings,
    /// The training-curves controls.
    pub training: TrainingSettings,
}

/// The training-curves controls, each optional.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TrainingSettings {
    /// The series to monitor (best checkpoint, early stopping).
    pub monitor: Option<String>,
    /// `min`, `max` or `auto` (inferred from the monitored name).
    pub mode: Option<String>,
    /// Early-stopping patience.
    pub patience: Option<f64>,
    /// Early-stopping min_delta.
    pub min_delta: Option<f64>,
    /// TensorBoard smoothing weight.
    pub smoothing: Option<f64>,
}

/// The demo data set's controls, each optional.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DemoSettings {
    /// Distance between the class means (d′).
    pub separation: Option<f64>,
    /// Share of positives.
    pub prevalence: Option<f64>,
    /// Number of examples.
    pub size: Option<f64>,
    /// Seed of the random numbers.
    pub seed: Option<f64>,
}

/// Settings with every default filled in and every value checked.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedSettings {
    /// Options of a file report (task, beta and bars inside).
    pub file: FileReportOptions,
    /// Limit on distinct labels for reading a file.
    pub max_classes: usize,
    /// The demo's controls.
    pub demo: DemoOptions,
    /// The training-curves controls.
    pub training: TrainingOptions,
}

/// A whole number in `[min, max]`, or the error naming the range.
fn whole(option: &'static str, value: f64, min: f64, max: f64) -> Result<f64, Error> {
    if value.is_finite() && value.fract() == 0.0 && (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(invalid(
            option,
            format!(
                "{} is not allowed: it must be a whole number from {} to {}",
                crate::format::plain(value),
                crate::format::plain(min),
                crate::format::plain(max)
            ),
        ))
    }
}

impl Settings {
    /// Fills every missing setting from its default and checks each value;
    /// the first bad one is an [`crate::ErrorKind::InvalidOption`] error that
    /// names the option and its allowed range.
    pub fn resolve(&self) -> Result<ResolvedSettings, Error> {
        let report_defaults = ReportOptions::default();
        let bars = report_defaults.thresholds;
        let report = ReportOptions {
            beta: self.beta.unwrap_or(report_defaults.beta),
            task: self
                .task
                .as_deref()
                .map(Task::parse)
                .transpose()?
                .unwrap_or(report_defaults.task),
            thresholds: Thresholds {
                min_precision: self.min_precision.unwrap_or(bars.min_precision),
                min_recall: self.min_recall.unwrap_or(bars.min_recall),
                min_f1: self.min_f1.unwrap_or(bars.min_f1),
            },
        };
        report.validate()?;
        let goal_defaults = OperatingGoals::default();
        let goals = OperatingGoals {
            // The best-F-beta operating point uses the report's beta.
            beta: report.beta,
            cost_fp: self.cost_fp.unwrap_or(goal_defaults.cost_fp),
            cost_fn: self.cost_fn.unwrap_or(goal_defaults.cost_fn),
            prevalence: self.prevalence.or(goal_defaults.prevalence),
            target_recall: self.target_recall.unwrap_or(goal_defaults.target_recall),
            target_precision: self
                .target_precision
                .unwrap_or(goal_defaults.target_precision),
        };
        goals.validate()?;
        let file_defaults = FileReportOptions::default();
        let threshold = self.threshold.unwrap_or(file_defaults.threshold);
        if !threshold.is_finite() {
            return Err(invalid("threshold", "must be a finite number".into()));
        }
        let rank = self
            .rank
            .map(|r| whole("rank", r, 0.0, MAX_EXACT_WHOLE))
            .transpose()?;
        let resampling_defaults = Resampling::default();
        let resampling = Resampling {
            resamples: self
                .resamples
                .map(|r| whole("resamples", r, MIN_RESAMPLES as f64, MAX_RESAMPLES as f64))
                .transpose()?
                .map_or(resampling_defaults.resamples, |r| r as u32),
            seed: self
                .seed
                .map(|s| whole("seed", s, 0.0, MAX_EXACT_WHOLE))
                .transpose()?
                .map_or(resampling_defaults.seed, |s| s as u64),
        };
        let file = FileReportOptions {
            report,
            threshold,
            threshold_set: self.threshold.is_some() || self.rank.is_some(),
            rank: rank.map(|r| r as usize),
            positive: self
                .positive
                .as_deref()
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_string),
            goals,
            curves: self.curves.unwrap_or(file_defaults.curves),
            resampling,
        };
        let max_classes = self
            .max_classes
            .map(|n| whole("max_classes", n, 2.0, MAX_MAX_CLASSES))
            .transpose()?
            .map_or(DEFAULT_MAX_CLASSES, |n| n as usize);
        let demo_defaults = DemoOptions::default();
        let d = &self.demo;
        let demo = DemoOptions {
            separation: d.separation.unwrap_or(demo_defaults.separation),
            prevalence: d.prevalence.unwrap_or(demo_defaults.prevalence),
            size: d
                .size
                .map(|s| whole("size", s, 10.0, MAX_DEMO_SIZE as f64))
                .transpose()?
                .map_or(demo_defaults.size, |s| s as usize),
            seed: d
                .seed
                .map(|s| whole("seed", s, 0.0, MAX_EXACT_WHOLE))
                .transpose()?
                .map_or(demo_defaults.seed, |s| s as u64),
        };
        demo.validate()?;
        let training = self.training.resolve(file.curves)?;
        Ok(ResolvedSettings {
            file,
            max_classes,
            demo,
            training,
        })
    }
}

impl TrainingSettings {
    /// Fills the defaults (monitor detected, mode inferred, Keras's
    /// patience 0 and min_delta 0, smoothing 0.6) and checks the ranges.
    fn resolve(&self, curves: CurveDetail) -> Result<TrainingOptions, Error> {
        let defaults = TrainingOptions::default();
        let mode = match self.mode.as_deref().map(str::trim) {
            None | Some("") | Some("auto") => None,
            Some("min") => Some(Mode::Min),
            Some("max") => Some(Mode::Max),
            Some(other) => {
                return Err(invalid(
                    "mode",
                    format!(
                        "\"{}\" is not a mode: use min, max or auto",
                        crate::format::excerpt(other, crate::format::MAX_QUOTED_CHARS)
                    ),
                ))
            }
        };
        let smoothing = self.smoothing.unwrap_or(defaults.smoothing);
        if !(0.0..=MAX_SMOOTHING).contains(&smoothing) {
            return Err(invalid(
                "smoothing",
                format!(
                    "{} is not allowed: it must be from 0 to {MAX_SMOOTHING}",
                    crate::format::plain(smoothing)
                ),
            ));
        }
        let min_delta = self.min_delta.unwrap_or(defaults.min_delta);
        if !min_delta.is_finite() {
            return Err(invalid("min_delta", "must be a finite number".into()));
        }
        Ok(TrainingOptions {
            monitor: self
                .monitor
                .as_deref()
                .map(str::trim)
                .filter(|m| !m.is_empty())
                .map(str::to_string),
            mode,
            patience: self
                .patience
                .map(|p| whole("patience", p, 0.0, MAX_PATIENCE as f64))
                .transpose()?
                .map_or(defaults.patience, |p| p as u32),
            min_delta,
            smoothing,
            curves,
        })
    }
}

/// One task as the page offers it.
#[derive(Debug, Clone, Serialize)]
pub struct TaskChoice {
    /// The id used in JSON, URLs and CLI flags.
    pub id: &'static str,
    /// The choice as a sentence with an example.
    pub description: &'static str,
    /// Id of the metric the task is judged by.
    pub watch: &'static str,
    /// That metric's name as people write it.
    pub watch_name: &'static str,
}

/// Every default and limit, for the page (`defaults()` in the wasm door)
/// and `fitcheck --help`: read from the core, never copied.
#[derive(Debug, Clone, Serialize)]
pub struct Defaults {
    /// F-beta weight.
    pub beta: f64,
    /// Largest F-beta weight accepted.
    pub max_beta: f64,
    /// Task id.
    pub task: &'static str,
    /// Bar for precision.
    pub min_precision: f64,
    /// Bar for recall.
    pub min_recall: f64,
    /// Bar for F1.
    pub min_f1: f64,
    /// Score threshold.
    pub threshold: f64,
    /// Cost of one false positive.
    pub cost_fp: f64,
    /// Cost of one false negative.
    pub cost_fn: f64,
    /// Recall to reach.
    pub target_recall: f64,
    /// Precision to keep.
    pub target_precision: f64,
    /// Limit on distinct labels.
    pub max_classes: usize,
    /// Bootstrap resamples.
    pub resamples: u32,
    /// Fewest bootstrap resamples accepted.
    pub min_resamples: u32,
    /// Most bootstrap resamples accepted.
    pub max_resamples: u32,
    /// Seed of the bootstrap.
    pub seed: u64,
    /// The demo's controls.
    pub demo: DemoOptions,
    /// Largest demo size.
    pub max_demo_size: usize,
    /// TensorBoard smoothing weight of training curves.
    pub smoothing: f64,
    /// Largest smoothing weight accepted.
    pub max_smoothing: f64,
    /// Early-stopping patience (Keras's default).
    pub patience: u32,
    /// Early-stopping min_delta (Keras's default).
    pub min_delta: f64,
    /// Every task, in the order the page offers them.
    pub tasks: Vec<TaskChoice>,
}

/// The defaults: what [`Settings::resolve`] fills in when nothing is given.
pub fn defaults() -> Defaults {
    let r = Settings::default()
        .resolve()
        // Not `expect`: that would format the error with Debug, whose code
        // the page's core would then carry for a message never shown.
        .unwrap_or_else(|_| unreachable!("the defaults are valid settings"));
    let bars = r.file.report.thresholds;
    Defaults {
        beta: r.file.report.beta,
        max_beta: MAX_BETA,
        task: r.file.report.task.id(),
        min_precision: bars.min_precision,
        min_recall: bars.min_recall,
        min_f1: bars.min_f1,
        threshold: r.file.threshold,
        cost_fp: r.file.goals.cost_fp,
        cost_fn: r.file.goals.cost_fn,
        target_recall: r.file.goals.target_recall,
        target_precision: r.file.goals.target_precision,
        max_classes: r.max_classes,
        resamples: r.file.resampling.resamples,
        min_resamples: MIN_RESAMPLES,
        max_resamples: MAX_RESAMPLES,
        seed: r.file.resampling.seed,
        demo: r.demo,
        max_demo_size: MAX_DEMO_SIZE,
        smoothing: r.training.smoothing,
        max_smoothing: MAX_SMOOTHING,
        patience: r.training.patience,
        min_delta: r.training.min_delta,
        tasks: Task::ALL
            .iter()
            .map(|&t| TaskChoice {
                id: t.id(),
                description: t.describe(),
                watch: t.watched_metric(),
                watch_name: t.watched_name(),
            })
            .collect(),
    }
}

impl Defaults {
    /// As JSON, for the page.
    pub fn to_json(&self) -> String {
        // Plain numbers and text: serializing cannot fail (and the error's
        // formatting is left out of the page's core).
        serde_json::to_string(self)
            .unwrap_or_else(|_| unreachable!("plain numbers and text serialise"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_given_resolves_to_the_defaults_of_each_type() {
        let r = Settings::default().resolve().unwrap();
        assert_eq!(r.file, FileReportOptions::default());
        assert_eq!(r.file.report, ReportOptions::default());
        assert_eq!(r.demo, DemoOptions::default());
        assert_eq!(r.max_classes, DEFAULT_MAX_CLASSES);
        assert!(!r.file.threshold_set);
    }

    #[test]
    fn given_settings_are_used_and_checked() {
        let r = Settings {
            beta: Some(2.0),
            threshold: Some(0.3),
            resamples: Some(500.0),
            seed: Some(7.0),
            rank: Some(4.0),
            max_classes: Some(7.0),
            positive: Some("  ".into()),
            ..Settings::default()
        }
        .resolve()
        .unwrap();
        // The best-F-beta operating point uses the report's beta.
        assert_eq!((r.file.report.beta, r.file.goals.beta), (2.0, 2.0));
        assert_eq!(
            (r.file.threshold, r.file.rank, r.max_classes),
            (0.3, Some(4), 7)
        );
        assert!(r.file.threshold_set);
        assert_eq!(r.file.positive, None);
        assert_eq!(
            r.file.resampling,
            Resampling {
                resamples: 500,
                seed: 7
            }
        );
        for (settings, message) in [
            (
                Settings {
                    rank: Some(-1.0),
                    ..Settings::default()
                },
                "rank: -1 is not allowed: it must be a whole number from 0 to 9007199254740992",
            ),
            (
                Settings {
                    threshold: Some(f64::INFINITY),
                    ..Settings::default()
                },
                "threshold: must be a finite number",
            ),
            (
                Settings {
                    resamples: Some(10.0),
                    ..Settings::default()
                },
                "resamples: 10 is not allowed: it must be a whole number from 100 to 40000",
            ),
            (
                Settings {
                    seed: Some(0.5),
                    ..Settings::default()
                },
                "seed: 0.5 is not allowed: it must be a whole number from 0 to 9007199254740992",
            ),
            (
                Settings {
                    demo: DemoSettings {
                        size: Some(5.0),
                        ..DemoSettings::default()
                    },
                    ..Settings::default()
                },
                "size: 5 is not allowed: it must be a whole number from 10 to 1000000",
            ),
        ] {
            assert_eq!(settings.resolve().unwrap_err().to_string(), message);
        }
    }
}
