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
    let too_large = || {
        invalid(
            field,
            format!("{shown} is larger than 2^53 (9,007,199,254,740,992), the largest count fitcheck holds exactly"),
        )
    };
    match decimal_value(&digits) {
        Decimal::NotANumber => Err(invalid(field, format!("\"{shown}\" is not a whole number"))),
        Decimal::Negative => Err(invalid(
            field,
            format!("{shown} is negative: a count cannot be below 0"),
        )),
        Decimal::Fraction => Err(invalid(
            field,
            format!("{shown} is not a whole number: a count of examples has no fraction"),
        )),
        Decimal::Whole(None) => Err(too_large()),
        Decimal::Whole(Some(v)) if v > MAX_COUNT => Err(too_large()),
        Decimal::Whole(Some(v)) => Ok(v),
    }
}

/// What a number written in decimal or exponent form is, decided exactly
/// on its digits (no rounding through f64, so 9007199254740993.0 stays
/// above 2^53).
enum Decimal {
    /// Not a number at all.
    NotANumber,
    /// Below zero.
    Negative,
    /// Has a non-zero fractional part.
    Fraction,
    /// A whole number; `None` if it does not fit in u64.
    Whole(Option<u64>),
}

fn decimal_value(text: &str) -> Decimal {
    let (negative, rest) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    let (int_part, frac_part) = match mantissa.find('.') {
        Some(i) => (&mantissa[..i], &mantissa[i + 1..]),
        None => (mantissa, ""),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int_part.len() + frac_part.len() == 0 || !all_digits(int_part) || !all_digits(frac_part) {
        return Decimal::NotANumber;
    }
    let exp: i64 = match exponent {
        None => 0,
        Some(e) => {
            let body = e.strip_prefix(['+', '-']).unwrap_or(e);
            if body.is_empty() || !all_digits(body) {
                return Decimal::NotANumber;
            }
            // Exponents beyond a few hundred only matter as "huge" or "tiny".
            let magnitude: i64 = body.parse::<i64>().unwrap_or(i64::MAX / 2).min(1_000_000);
            if e.starts_with('-') {
                -magnitude
            } else {
                magnitude
            }
        }
    };
    let digits: String = format!("{int_part}{frac_part}");
    // A minus sign is a mistake in a count, even on zero.
    if negative {
        return Decimal::Negative;
    }
    if digits.trim_start_matches('0').is_empty() {
        return Decimal::Whole(Some(0));
    }
    // Position of the decimal point within `digits`.
    let point = int_part.len() as i64 + exp;
    if point <= 0 {
        return Decimal::Fraction;
    }
    let point = point as usize;
    if point < digits.len() && digits[point..].bytes().any(|b| b != b'0') {
        return Decimal::Fraction;
    }
    let whole = if point <= digits.len() {
        digits[..point].to_string()
    } else {
        format!("{digits}{}", "0".repeat((point - digits.len()).min(40)))
    };
    Decimal::Whole(
        whole
            .trim_start_matches('0')
            .parse::<u64>()
            .ok()
            .or_else(|| whole.bytes().all(|b| b == b'0').then_some(0)),
    )
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
