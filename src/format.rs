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

/// A number as short as it can be written without losing it (`2`, `0.5`).
pub fn plain(x: f64) -> String {
    if x.is_nan() {
        return "not a number".to_string();
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

/// A threshold written compactly but exactly enough to find again:
/// `0.5` → `0.5`, `0.25000001` → `0.25000001`.
pub fn threshold(t: f64) -> String {
    let s = format!("{t:.6}");
    let trimmed = s.trim_end_matches('0').trim_end_matches('.');
    if trimmed.parse::<f64>().ok() == Some(t) {
        trimmed.to_string()
    } else {
        format!("{t}")
    }
}
