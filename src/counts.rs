//! The four counts of a binary confusion matrix, validated.
//!
//! Convention (scikit-learn's): the positive class is the one whose hits are
//! true positives. Counts are whole numbers from 0 to 2^53, the largest range
//! in which JavaScript numbers (and so the page) hold every integer exactly.

use crate::error::{Error, ErrorKind};

/// The largest count accepted: 2^53 = 9,007,199,254,740,992.
pub const MAX_COUNT: u64 = 1 << 53;

/// The four cells of a binary confusion matrix.
///
/// ```text
///                  predicted positive   predicted negative
/// truly positive          tp                   fn
/// truly negative          fp                   tn
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConfusionCounts {
    /// True positives: positive examples predicted positive.
    pub tp: u64,
    /// False negatives: positive examples predicted negative (misses).
    pub fn_: u64,
    /// False positives: negative examples predicted positive (false alarms).
    pub fp: u64,
    /// True negatives: negative examples predicted negative.
    pub tn: u64,
}

/// The words a user sees for a count's short name.
pub fn count_label(field: &str) -> &'static str {
    match field {
        "tp" => "True positives",
        "fn" => "False negatives",
        "fp" => "False positives",
        "tn" => "True negatives",
        _ => "Count",
    }
}

impl ConfusionCounts {
    /// Builds counts in reading order of the matrix: `tp, fn, fp, tn`.
    /// Fails if any count exceeds [`MAX_COUNT`] or all are zero.
    pub fn new(tp: u64, fn_: u64, fp: u64, tn: u64) -> Result<Self, Error> {
        for (field, value) in [("tp", tp), ("fn", fn_), ("fp", fp), ("tn", tn)] {
            check_range(field, value)?;
        }
        let counts = ConfusionCounts { tp, fn_, fp, tn };
        if counts.n() == 0 {
            return Err(Error::new(ErrorKind::NoExamples));
        }
        Ok(counts)
    }

    /// Parses the four counts from text as a person typed them.
    /// See [`parse_count`] for what is accepted.
    pub fn parse(tp: &str, fn_: &str, fp: &str, tn: &str) -> Result<Self, Error> {
        Self::new(
            parse_count("tp", tp)?,
            parse_count("fn", fn_)?,
            parse_count("fp", fp)?,
            parse_count("tn", tn)?,
        )
    }

    /// Total number of examples (at most 2^55, so never overflows).
    pub fn n(&self) -> u64 {
        self.tp + self.fn_ + self.fp + self.tn
    }

    /// Examples that are truly positive: `tp + fn`.
    pub fn actual_positive(&self) -> u64 {
        self.tp + self.fn_
    }

    /// Examples that are truly negative: `fp + tn`.
    pub fn actual_negative(&self) -> u64 {
        self.fp + self.tn
    }

    /// Examples predicted positive: `tp + fp`.
    pub fn predicted_positive(&self) -> u64 {
        self.tp + self.fp
    }

    /// Examples predicted negative: `fn + tn`.
    pub fn predicted_negative(&self) -> u64 {
        self.fn_ + self.tn
    }

    /// The matrix in scikit-learn's layout for labels `[negative, positive]`:
    /// rows are true classes, columns predicted, so `[[tn, fp], [fn, tp]]`.
    pub fn matrix(&self) -> Vec<Vec<u64>> {
        vec![vec![self.tn, self.fp], vec![self.fn_, self.tp]]
    }
}

fn check_range(field: &'static str, value: u64) -> Result<(), Error> {
    if value > MAX_COUNT {
        return Err(invalid(
            field,
            format!(
                "{value} is larger than 2^53 (9,007,199,254,740,992), the largest count fitcheck holds exactly"
            ),
        ));
    }
    Ok(())
}

fn invalid(field: &'static str, problem: String) -> Error {
    Error::new(ErrorKind::InvalidCount { field, problem })
}

/// Parses one count as a person typed it.
///
/// Accepts a whole number with optional surrounding spaces, optional
/// thousands separators in groups of three (`10,000`, `10_000`), or an
/// integral number in decimal or exponent form (`85.0`, `1e4`). Rejects empty
/// text, negatives, fractions, non-numbers and values above 2^53, each with
/// its own message.
pub fn parse_count(field: &'static str, text: &str) -> Result<u64, Error> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(invalid(
            field,
            "is empty: enter a whole number, such as 85".into(),
        ));
    }
    let shown = shorten(trimmed);
    let digits = strip_group_separators(trimmed);
    if let Ok(value) = digits.parse::<u64>() {
        check_range(field, value)?;
        return Ok(value);
    }
    if digits.bytes().all(|b| b.is_ascii_digit()) {
        // Only digits but did not fit in u64: certainly beyond 2^53.
        return Err(invalid(
            field,
            format!("{shown} is larger than 2^53 (9,007,199,254,740,992), the largest count fitcheck holds exactly"),
        ));
    }
    match digits.parse::<f64>() {
        Ok(x) if x.is_nan() || x.is_infinite() => Err(invalid(
            field,
            format!("\"{shown}\" is not a whole number"),
        )),
        Ok(x) if x < 0.0 || (x == 0.0 && digits.starts_with('-')) => Err(invalid(
            field,
            format!("{shown} is negative: a count cannot be below 0"),
        )),
        Ok(x) if x.fract() != 0.0 => Err(invalid(
            field,
            format!("{shown} is not a whole number: a count of examples has no fraction"),
        )),
        Ok(x) if x > MAX_COUNT as f64 => Err(invalid(
            field,
            format!("{shown} is larger than 2^53 (9,007,199,254,740,992), the largest count fitcheck holds exactly"),
        )),
        // Integral, finite, in range: exact as f64 because it is at most 2^53.
        Ok(x) => Ok(x as u64),
        Err(_) => Err(invalid(field, format!("\"{shown}\" is not a whole number"))),
    }
}

/// Removes `,`, `_` or ` ` between digit groups of three (`10,000` → `10000`).
/// Anything else is returned unchanged so the caller reports it as typed.
fn strip_group_separators(text: &str) -> String {
    for sep in [',', '_', ' '] {
        if text.contains(sep) {
            let groups: Vec<&str> = text.split(sep).collect();
            let first_ok =
                (1..=3).contains(&groups[0].len()) && groups[0].bytes().all(|b| b.is_ascii_digit());
            let rest_ok = groups[1..]
                .iter()
                .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
            if first_ok && rest_ok {
                return groups.concat();
            }
            return text.to_string();
        }
    }
    text.to_string()
}

/// Keeps echoed input short enough for a one-line message.
fn shorten(text: &str) -> String {
    const LIMIT: usize = 40;
    if text.chars().count() <= LIMIT {
        text.to_string()
    } else {
        let head: String = text.chars().take(LIMIT).collect();
        format!("{head}…")
    }
}
