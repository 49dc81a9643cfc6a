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

    /// The task as the page offers it, with an example.
    pub fn describe(self) -> &'static str {
        match self {
            Task::Balanced => "Balanced: both cost about the same",
            Task::FalseAlarmsCostly => "False alarms are costly, e.g. spam filtering",
            Task::MissesCostly => "Misses are costly, e.g. medical screening, fraud",
        }
    }

    /// The watched metric's name as people write it (`F1`, `precision`).
    pub fn watched_name(self) -> &'static str {
        match self {
            Task::Balanced => "F1",
            Task::FalseAlarmsCostly => "precision",
            Task::MissesCostly => "recall",
        }
    }
}

/// Default F-beta weight: precision and recall count the same (F1).
pub const DEFAULT_BETA: f64 = 1.0;
/// Largest F-beta weight accepted: beyond it F-beta is recall to many digits.
pub const MAX_BETA: f64 = 1e6;
/// Default bar for precision, recall and F1 (the usual rule of thumb).
pub const DEFAULT_BAR: f64 = 0.85;
/// Default task: both kinds of mistake cost about the same.
pub const DEFAULT_TASK: Task = Task::Balanced;

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
            min_precision: DEFAULT_BAR,
            min_recall: DEFAULT_BAR,
            min_f1: DEFAULT_BAR,
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
            beta: DEFAULT_BETA,
            task: DEFAULT_TASK,
            thresholds: Thresholds::default(),
        }
    }
}

impl ReportOptions {
    /// Checks beta lies in (0, [`MAX_BETA`]] and each bar in [0, 1]; the
    /// message names the allowed range.
    pub fn validate(&self) -> Result<(), Error> {
        if !(self.beta.is_finite() && self.beta > 0.0 && self.beta <= MAX_BETA) {
            return Err(invalid(
                "beta",
                format!(
                    "{} is not allowed: beta must be above 0 and at most {} (1 weighs precision and recall equally, 2 favours recall)",
                    crate::format::plain(self.beta),
                    crate::format::plain(MAX_BETA)
                ),
            ));
        }
        for (option, value) in [
            ("min_precision", self.thresholds.min_precision),
            ("min_recall", self.thresholds.min_recall),
            ("min_f1", self.thresholds.min_f1),
        ] {
            if !(0.0..=1.0).contains(&value) {
                return Err(invalid(
                    option,
                    format!(
                        "{} is not allowed: a bar must lie between 0 and 1",
                        crate::format::plain(value)
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// An [`ErrorKind::InvalidOption`] error.
pub fn invalid(option: &'static str, problem: String) -> Error {
    Error::new(ErrorKind::InvalidOption { option, problem })
}

/// The one parsing rule for every numeric option, on every door: spaces
/// around the number are ignored, then it must read as a number (`0.5`,
/// `-1`, `1e-3`; `nan` and `inf` read, and are then refused by the option's
/// range check, which names the allowed range).
///
/// ```
/// use fitcheck::options::parse_number;
/// assert_eq!(parse_number("beta", " 2 ").unwrap(), 2.0);
/// assert_eq!(parse_number("cost_fp", "-1").unwrap(), -1.0);
/// assert_eq!(parse_number("beta", "two").unwrap_err().to_string(), "beta: \"two\" is not a number");
/// ```
pub fn parse_number(option: &'static str, text: &str) -> Result<f64, Error> {
    parse_number_with(option, text, |decimal| decimal.parse::<f64>().ok())
}

/// [`parse_number`] with the conversion of decimal text (`0.5`, `-1e-3`:
/// checked to be one, by the grammar of Rust's `f64::from_str`) left to
/// `decimal`, which must round to the nearest double as `str::parse`
/// does. The page's own wasm core passes JavaScript's `parseFloat`
/// (correctly rounded in every engine it runs in): Rust's decimal parser and
/// its tables were about 14 kB (gzipped) of that core, for a handful of
/// settings typed into boxes. `inf`, `infinity` and `nan` (any case, any
/// sign) are read here. The answer is the same bits as [`parse_number`]'s
/// (tests/wasm_boundary.rs compares them under Node; the unit tests below
/// check that this grammar accepts what `str::parse` accepts).
pub fn parse_number_with(
    option: &'static str,
    text: &str,
    decimal: impl FnOnce(&str) -> Option<f64>,
) -> Result<f64, Error> {
    let text = text.trim();
    let value = match number_text(text) {
        Some(NumberText::Decimal) => decimal(text),
        Some(NumberText::Infinity { negative }) => Some(signed(f64::INFINITY, negative)),
        Some(NumberText::NaN { negative }) => Some(signed(f64::NAN, negative)),
        None => None,
    };
    value.ok_or_else(|| invalid(option, format!("\"{}\" is not a number", text)))
}

fn signed(x: f64, negative: bool) -> f64 {
    if negative {
        -x
    } else {
        x
    }
}

/// What text `f64::from_str` accepts is: the documented grammar, the
/// words compared in any case.
enum NumberText {
    /// `Digit+ ('.' Digit*)? | '.' Digit+`, then `([eE] [+-]? Digit+)?`, signed.
    Decimal,
    /// `inf` or `infinity`.
    Infinity { negative: bool },
    /// `nan`.
    NaN { negative: bool },
}

fn number_text(text: &str) -> Option<NumberText> {
    let (negative, body) = match text.as_bytes().first() {
        Some(b'-') => (true, &text.as_bytes()[1..]),
        Some(b'+') => (false, &text.as_bytes()[1..]),
        _ => (false, text.as_bytes()),
    };
    if body.eq_ignore_ascii_case(b"inf") || body.eq_ignore_ascii_case(b"infinity") {
        return Some(NumberText::Infinity { negative });
    }
    if body.eq_ignore_ascii_case(b"nan") {
        return Some(NumberText::NaN { negative });
    }
    let digits = |from: usize| {
        body[from..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let whole = digits(0);
    let mut end = whole;
    let mut fraction = 0;
    if body.get(end) == Some(&b'.') {
        fraction = digits(end + 1);
        end += 1 + fraction;
    }
    if whole + fraction == 0 {
        return None;
    }
    if matches!(body.get(end), Some(b'e' | b'E')) {
        end += 1;
        if matches!(body.get(end), Some(b'+' | b'-')) {
            end += 1;
        }
        let exponent = digits(end);
        if exponent == 0 {
            return None;
        }
        end += exponent;
    }
    (end == body.len()).then_some(NumberText::Decimal)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(not(target_arch = "wasm32"))]
    use proptest::prelude::*;

    /// parse_number_with's grammar accepts exactly what `str::parse::<f64>`
    /// accepts (its conversion given std's, which must then succeed), and
    /// the value is the same bits, signs of zero and NaN included.
    fn same_as_std(text: &str) {
        let ours = parse_number_with("beta", text, |t| {
            Some(
                t.parse::<f64>()
                    .expect("the grammar accepted what str::parse refuses"),
            )
        });
        match (ours, text.trim().parse::<f64>()) {
            (Ok(a), Ok(b)) => assert_eq!(a.to_bits(), b.to_bits(), "{text:?}"),
            (Err(e), Err(_)) => assert_eq!(
                e.to_string(),
                format!("beta: \"{}\" is not a number", text.trim())
            ),
            (a, b) => panic!("{text:?}: ours {a:?}, str::parse {b:?}"),
        }
    }

    #[test]
    fn reads_as_str_parse_on_edge_cases() {
        for text in [
            "",
            " ",
            "+",
            "-",
            ".",
            "e",
            "e5",
            ".e5",
            "1e",
            "1e+",
            "1.e5",
            ".5",
            "5.",
            "+.5",
            "-0",
            "+0.0",
            "1_000",
            "0x10",
            "1e400",
            "-1e400",
            "1e-400",
            "inf",
            "-Inf",
            "+INFINITY",
            "infinity1",
            "infin",
            "nan",
            "-NaN",
            "+nan",
            "nan(1)",
            "1..2",
            "1.2.3",
            "--1",
            "+-1",
            "1e5.5",
            " 2 ",
            "\t-3.5e-2\n",
            "１",
            "٣",
            "0.1234567890123456789012345678",
        ] {
            same_as_std(text);
        }
    }

    // proptest's random source does not build for wasm32.
    #[cfg(not(target_arch = "wasm32"))]
    proptest! {
        #[test]
        fn reads_numbers_as_str_parse(
            text in "[-+]?[0-9]{0,22}(\\.[0-9]{0,22})?([eE][-+]?[0-9]{0,4})?"
        ) {
            same_as_std(&text);
        }

        #[test]
        fn reads_anything_as_str_parse(text in "[-+.eEinftyaINFTYA0-9 ]{0,8}") {
            same_as_std(&text);
        }
    }
}
