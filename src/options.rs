//! What the user tells fitcheck about their task: which mistakes cost more,
//! the F-beta weight, and the bars a model must clear.

use crate::error::{Error, ErrorKind};
use serde::Serialize;

/// Which mistakes matter more for the task at hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Task {
    /// Both kinds of mistake cost about the same: watch F1.
    Balanced,
    /// A false alarm is costly (spam filtering: a good email lost): watch precision.
    FalseAlarmsCostly,
    /// A miss is costly (medical screening, fraud): watch recall.
    MissesCostly,
}

impl Task {
    /// Every task, in the order the page offers them.
    pub const ALL: [Task; 3] = [Task::Balanced, Task::FalseAlarmsCostly, Task::MissesCostly];

    /// The snake_case id used in JSON, URLs and CLI flags.
    pub fn id(self) -> &'static str {
        match self {
            Task::Balanced => "balanced",
            Task::FalseAlarmsCostly => "false_alarms_costly",
            Task::MissesCostly => "misses_costly",
        }
    }

    /// Parses a task id (also accepts `precision` and `recall` as shorthands).
    pub fn parse(text: &str) -> Result<Task, Error> {
        match text.trim() {
            "balanced" | "f1" => Ok(Task::Balanced),
            "false_alarms_costly" | "precision" => Ok(Task::FalseAlarmsCostly),
            "misses_costly" | "recall" => Ok(Task::MissesCostly),
            other => Err(Error::new(ErrorKind::InvalidOption {
                option: "task",
                problem: format!(
                    "\"{other}\" is not a task; use balanced, false_alarms_costly or misses_costly"
                ),
            })),
        }
    }

    /// The metric this task is judged by.
    pub fn watched_metric(self) -> &'static str {
        match self {
            Task::Balanced => "f1",
            Task::FalseAlarmsCostly => "precision",
            Task::MissesCostly => "recall",
        }
    }

    /// The task as a phrase for a verdict: "where misses are costly".
    pub fn phrase(self) -> &'static str {
        match self {
            Task::Balanced => "where both kinds of mistake cost about the same",
            Task::FalseAlarmsCostly => "where false alarms are costly",
            Task::MissesCostly => "where misses are costly",
        }
    }

    /// A short description with an example, for the page.
    pub fn describe(self) -> &'static str {
        match self {
            Task::Balanced => "both kinds of mistake cost about the same",
            Task::FalseAlarmsCostly => "false alarms are costly (e.g. spam filtering)",
            Task::MissesCostly => "misses are costly (e.g. medical screening, fraud)",
        }
    }
}

/// The bars a model must clear. Defaults follow the usual rule of thumb:
/// precision and recall at or above 0.85, F1 near 0.9 (at or above 0.85).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Thresholds {
    /// Lowest acceptable precision.
    pub min_precision: f64,
    /// Lowest acceptable recall.
    pub min_recall: f64,
    /// Lowest acceptable F1.
    pub min_f1: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            min_precision: 0.85,
            min_recall: 0.85,
            min_f1: 0.85,
        }
    }
}

/// Everything besides the data that shapes a report.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ReportOptions {
    /// Weight of recall against precision in F-beta (default 1).
    pub beta: f64,
    /// Which mistakes cost more.
    pub task: Task,
    /// The bars for the verdict.
    pub thresholds: Thresholds,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            beta: 1.0,
            task: Task::Balanced,
            thresholds: Thresholds::default(),
        }
    }
}

impl ReportOptions {
    /// Checks beta is a positive finite number and each bar lies in [0, 1].
    pub fn validate(&self) -> Result<(), Error> {
        if !(self.beta.is_finite() && self.beta > 0.0 && self.beta <= 1e6) {
            return Err(Error::new(ErrorKind::InvalidOption {
                option: "beta",
                problem: format!(
                    "{} is not allowed: beta must be a positive number (1 weighs precision and recall equally, 2 favours recall)",
                    crate::format::plain(self.beta)
                ),
            }));
        }
        for (option, value) in [
            ("min_precision", self.thresholds.min_precision),
            ("min_recall", self.thresholds.min_recall),
            ("min_f1", self.thresholds.min_f1),
        ] {
            if !(0.0..=1.0).contains(&value) {
                return Err(Error::new(ErrorKind::InvalidOption {
                    option,
                    problem: format!(
                        "{} is not allowed: a bar must lie between 0 and 1",
                        crate::format::plain(value)
                    ),
                }));
            }
        }
        Ok(())
    }

    /// Options from what a user typed; anything left out takes its default
    /// (beta 1, balanced task, bars 0.85). Validated.
    pub fn from_text(
        beta: Option<&str>,
        task: Option<&str>,
        min_precision: Option<f64>,
        min_recall: Option<f64>,
        min_f1: Option<f64>,
    ) -> Result<ReportOptions, Error> {
        let defaults = Thresholds::default();
        let options = ReportOptions {
            beta: beta.map(Self::parse_beta).transpose()?.unwrap_or(1.0),
            task: task.map(Task::parse).transpose()?.unwrap_or(Task::Balanced),
            thresholds: Thresholds {
                min_precision: min_precision.unwrap_or(defaults.min_precision),
                min_recall: min_recall.unwrap_or(defaults.min_recall),
                min_f1: min_f1.unwrap_or(defaults.min_f1),
            },
        };
        options.validate()?;
        Ok(options)
    }

    /// Parses beta as typed; see [`ReportOptions::validate`] for the range.
    pub fn parse_beta(text: &str) -> Result<f64, Error> {
        text.trim().parse::<f64>().map_err(|_| {
            Error::new(ErrorKind::InvalidOption {
                option: "beta",
                problem: format!("\"{}\" is not a number", text.trim()),
            })
        })
    }
}
