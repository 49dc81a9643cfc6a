//! Scores read straight from bytes: the fast path of score parsing.
//!
//! [`finite_score`] gives `Some(x)` only when the reader's reference rule
//! (the field as UTF-8 text, trimmed with `str::trim`, parsed with
//! `str::parse::<f64>`, and finite) gives the same `x`; for anything else
//! (`None`) the caller takes that reference path, which also words the
//! error. So the fast path can only be faster, never different:
//! - the field is trimmed of ASCII spaces only; what fast-float2 accepts is
//!   ASCII without spaces at either end, so `str::trim` would trim it alike
//!   and the bytes are valid UTF-8;
//! - fast-float2 and std both round correctly (Eisel–Lemire with a big-number
//!   fallback), so an accepted number has the same value; inf and NaN, which
//!   the reader refuses with their own message, are left to the reference path;
//! - before fast-float2, plain decimals of at most 15 digits (`0.734251`,
//!   `-12.5`, `1`: what score files hold) are read by [`plain_decimal`] with
//!   Clinger's exact fast path, the one fast-float2 and std also take first
//!   for them: about 1.5x faster than the crate's general entry, measured on
//!   10M six-decimal scores (its number grammar, written for every input,
//!   costs more than the arithmetic).
//!
//! ```
//! use fitcheck::input::ingest::score_text::finite_score;
//! assert_eq!(finite_score(b" 0.25 "), Some(0.25));
//! assert_eq!(finite_score(b"1e-3"), Some(0.001));
//! assert_eq!(finite_score(b"NaN"), None); // not finite: the reference path words it
//! assert_eq!(finite_score(b"0,5"), None); // not a number
//! ```

/// The finite score in a field, if the fast parser reads it (see the module doc).
#[inline]
pub fn finite_score(field: &[u8]) -> Option<f64> {
    let text = field.trim_ascii();
    if let Some(x) = plain_decimal(text) {
        return Some(x);
    }
    match fast_float2::parse::<f64, _>(text) {
        Ok(x) if x.is_finite() => Some(x),
        _ => None,
    }
}

/// Exact powers of ten as `f64` (10^22 is the largest that is exact).
const POWERS_OF_TEN: [f64; 16] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

/// `[+-]digits[.digits]` (or `.digits`, `digits.`) with 1 to 15 digits in
/// all, as the correctly rounded `f64`; `None` for anything else. Clinger's
/// fast path: the digits as an integer below 10^15 < 2^53 and 10^k with
/// k ≤ 15 are both exact in `f64`, so one IEEE division rounds the exact
/// quotient once, which is the correctly rounded value of the decimal.
///
/// ```
/// use fitcheck::input::ingest::score_text::plain_decimal;
/// assert_eq!(plain_decimal(b"0.734251"), Some(0.734251));
/// assert_eq!(plain_decimal(b"-.5"), Some(-0.5));
/// assert_eq!(plain_decimal(b"1e3"), None); // exponents: fast-float2
/// assert_eq!(plain_decimal(b"0.1234567890123456"), None); // 16 digits
/// ```
#[inline]
pub fn plain_decimal(text: &[u8]) -> Option<f64> {
    let (negative, digits) = match text.first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    if digits.len() > 16 {
        return None; // more than 15 digits and a point
    }
    let mut mantissa = 0u64;
    let mut count = 0usize;
    let mut point: Option<usize> = None;
    for &b in digits {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + u64::from(b - b'0');
                count += 1;
            }
            b'.' if point.is_none() => point = Some(count),
            _ => return None,
        }
    }
    if count == 0 || count > 15 {
        return None;
    }
    let decimals = count - point.unwrap_or(count);
    let x = mantissa as f64 / POWERS_OF_TEN[decimals];
    Some(if negative { -x } else { x })
}
