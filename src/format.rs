//! How numbers are written for people: 4 decimals for metric values,
//! percentages with one decimal, counts with thousands separators.

/// A metric value to 4 decimals, or "undefined".
pub fn value4(value: Option<f64>) -> String {
    match value {
        Some(x) => format!("{x:.4}"),
        None => "undefined".to_string(),
    }
}

/// A fraction as a percentage with one decimal: `0.8947` → `89.5%`.
pub fn percent(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// A count with thousands separators: `10000` → `10,000`.
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A number as short as it can be written without losing it (`2`, `0.5`);
/// very large or very small values in scientific notation, never 300 digits.
///
/// ```
/// use fitcheck::format::plain;
/// assert_eq!(plain(0.5), "0.5");
/// assert_eq!(plain(1000000.0), "1000000");
/// assert_eq!(plain(1e300), "1e300");
/// assert_eq!(plain(-2.5e-300), "-2.5e-300");
/// assert_eq!(plain(f64::INFINITY), "inf");
/// ```
pub fn plain(x: f64) -> String {
    if x.is_nan() {
        return "not a number".to_string();
    }
    let size = x.abs();
    if size != 0.0 && size.is_finite() && !(1e-6..1e16).contains(&size) {
        return format!("{x:e}");
    }
    format!("{x}")
}

/// A value to two decimals, for bars and interval ends in sentences.
pub fn value2(x: f64) -> String {
    format!("{x:.2}")
}

/// The text with its first letter in upper case.
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
