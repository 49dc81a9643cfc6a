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

/// A difference with its sign and 3 decimals, minus as `−`: `+0.041`, `−0.019`.
///
/// ```
/// use fitcheck::format::signed3;
/// assert_eq!(signed3(0.0412), "+0.041");
/// assert_eq!(signed3(-0.0188), "−0.019");
/// assert_eq!(signed3(-0.0001), "+0.000");
/// ```
pub fn signed3(x: f64) -> String {
    let s = format!("{:.3}", x.abs());
    if x < 0.0 && s != "0.000" {
        format!("−{s}")
    } else {
        format!("+{s}")
    }
}

/// A p-value after its name in a sentence: `= 0.003` or `< 0.001`.
///
/// ```
/// use fitcheck::format::p_is;
/// assert_eq!(format!("p {}", p_is(0.0031)), "p = 0.003");
/// assert_eq!(format!("p {}", p_is(0.00002)), "p < 0.001");
/// ```
pub fn p_is(p: f64) -> String {
    if p < 0.001 {
        "< 0.001".to_string()
    } else {
        format!("= {p:.3}")
    }
}

/// The text with its first letter in upper case, for fitcheck's own words
/// (metric names, the sentences of verdicts), which begin in ASCII: a first
/// letter outside ASCII is left as it is. ASCII only because Unicode's
/// case tables were about 6 kB (gzipped) of the page's wasm core, which
/// capitalises no user text. `capitalize("recall 0.8")` → `Recall 0.8`.
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => std::iter::once(first.to_ascii_uppercase())
            .chain(chars)
            .collect(),
        None => String::new(),
    }
}

/// A count with its noun, singular for one: `(1, "row", "rows")` → `1 row`,
/// `(1200, …)` → `1,200 rows`.
pub fn counted(n: u64, singular: &str, plural: &str) -> String {
    format!("{} {}", count(n), if n == 1 { singular } else { plural })
}

/// A size in decimal gigabytes with one decimal, as file managers show it
/// (`6200000000` → `6.2 GB`); below 1 GB in whole megabytes, rounded
/// (`450 MB`; at least `1 MB`).
pub fn gigabytes(bytes: u64) -> String {
    if bytes >= 1_000_000_000 {
        format!("{:.1} GB", bytes as f64 / 1e9)
    } else {
        format!("{} MB", (bytes.saturating_add(500_000) / 1_000_000).max(1))
    }
}

/// Most characters of one piece of the user's input (a label, a column name,
/// a cell) that a message quotes; longer text is cut with an ellipsis, so a
/// 1 MB line gives a short error, not a 1 MB one.
pub const MAX_QUOTED_CHARS: usize = 200;

/// Whether a character would act on a terminal or reorder text instead of
/// showing: C0 controls (tab and line breaks included, which would break a
/// one-line message or a table), DEL, C1 controls, and the bidirectional
/// overrides and isolates.
fn is_hidden_control(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The text with every control character shown as a visible escape
/// (`\x1b`, `\n`, `\u{9b}`), so labels holding terminal escape sequences
/// (ESC, OSC) or line breaks print as what they are instead of acting on
/// the terminal. Text without controls is returned unchanged.
pub fn visible(text: &str) -> String {
    if !text.chars().any(is_hidden_control) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_hidden_control(c) && (c as u32) < 0x80 => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if is_hidden_control(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// A piece of the user's input as a message quotes it: cut to `max`
/// characters with an ellipsis, control characters made visible.
/// `excerpt("the model was not sure", 9)` → `the model…`.
pub fn excerpt(text: &str, max: usize) -> String {
    let mut chars = text.char_indices();
    match chars.nth(max) {
        None => visible(text),
        Some((end, _)) => format!("{}…", visible(&text[..end])),
    }
}

/// Names quoted and joined by `, ` until about [`MAX_QUOTED_CHARS`]
/// characters, then `… (N in all)`: a list of 500,000 column names stays
/// one short line. `quote` wraps each name in double quotes.
pub fn name_list(names: &[String], quote: bool) -> String {
    let mut out = String::new();
    let mut shown = 0;
    for name in names {
        let piece = if quote {
            format!("\"{}\"", excerpt(name, MAX_QUOTED_CHARS))
        } else {
            excerpt(name, MAX_QUOTED_CHARS)
        };
        if shown > 0 && out.chars().count() + piece.chars().count() > MAX_QUOTED_CHARS {
            break;
        }
        if shown > 0 {
            out.push_str(", ");
        }
        out.push_str(&piece);
        shown += 1;
    }
    if shown < names.len() {
        out.push_str(&format!(", … ({} in all)", count(names.len() as u64)));
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitalize_uppercases_an_ascii_first_letter_only() {
        assert_eq!(
            capitalize("recall 0.8 is below the 0.90 bar"),
            "Recall 0.8 is below the 0.90 bar"
        );
        assert_eq!(capitalize(""), "");
        assert_eq!(capitalize("élan"), "élan");
    }

    #[test]
    fn counted_is_singular_for_one() {
        assert_eq!(counted(1, "row", "rows"), "1 row");
        assert_eq!(counted(0, "row", "rows"), "0 rows");
        assert_eq!(counted(1200, "row", "rows"), "1,200 rows");
    }

    #[test]
    fn visible_shows_controls_as_escapes() {
        assert_eq!(visible("plain"), "plain");
        assert_eq!(visible("\u{1b}[31mred"), "\\x1b[31mred");
        assert_eq!(
            visible("\u{1b}]8;;http://x\u{7}a"),
            "\\x1b]8;;http://x\\x07a"
        );
        assert_eq!(visible("a\nb\tc\u{7f}"), "a\\nb\\tc\\x7f");
        assert_eq!(visible("\u{9b}31m"), "\\u{9b}31m");
        assert_eq!(visible("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(visible("é 日本"), "é 日本");
    }

    #[test]
    fn excerpt_cuts_long_text() {
        assert_eq!(excerpt("the model was not sure", 9), "the model…");
        assert_eq!(excerpt("short", 9), "short");
        assert_eq!(excerpt("日本語", 3), "日本語");
        assert_eq!(excerpt("日本語", 2), "日本…");
        assert_eq!(excerpt(&"x".repeat(1_000_000), 200).chars().count(), 201);
    }

    #[test]
    fn name_list_stays_short() {
        let few: Vec<String> = ["a", "b"].iter().map(|s| s.to_string()).collect();
        assert_eq!(name_list(&few, false), "a, b");
        assert_eq!(name_list(&few, true), "\"a\", \"b\"");
        let many: Vec<String> = (0..500_000).map(|i| format!("c{i}")).collect();
        let text = name_list(&many, false);
        assert!(text.chars().count() < MAX_QUOTED_CHARS + 40, "{text}");
        assert!(text.starts_with("c0, c1, c2"), "{text}");
        assert!(text.ends_with(", … (500,000 in all)"), "{text}");
    }
}
