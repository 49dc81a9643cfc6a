//! How one cell becomes the bytes a row's hash is taken over, and the hash.
//!
//! The value rules, cell by cell (the exact rule; see the module doc of
//! [`super`] for how it differs from a column-level rule):
//! 1. The cell is trimmed of ASCII whitespace.
//! 2. If the trimmed text is UTF-8 and Rust's `str::parse::<f64>` reads it
//!    as a **finite** number (`1`, `1.0`, `1e0`, `+1`, `.5`, `5.`), the cell
//!    is that number: tag `N` and the number's IEEE-754 bits (little-endian),
//!    with `-0` read as `0`. So `1`, `1.0` and `1e0` are equal.
//! 3. Otherwise it is text (`inf`, `NaN`, `1_000` and the empty cell are
//!    text): tag `T`, the text's length (u64, little-endian) and its bytes.
//!    With normalise-text on, the text is first put through
//!    [`normalise_text`]. The empty cell is the empty text, equal only to
//!    another empty cell.
//!
//! The length prefix keeps `a|b` + `c` apart from `a` + `b|c` without any
//! separator byte that a cell could hold.

use unicode_normalization::UnicodeNormalization;

/// Tag of a cell read as a number.
const NUMBER: u8 = b'N';
/// Tag of a cell read as text.
const TEXT: u8 = b'T';

/// The normalise-text rule (for NLP data sets), exactly: Unicode NFKC;
/// then lower case by Unicode's default lowercase mapping (Rust's
/// `str::to_lowercase`, which equals full case folding except for a few
/// characters such as `ß`, kept as it is); then every character that is
/// neither alphanumeric nor whitespace (`char::is_alphanumeric`,
/// `char::is_whitespace`) is removed — punctuation and symbols alike
/// (`$`, `+`, emoji); then runs of whitespace become one space, and leading
/// and trailing whitespace is removed.
///
/// ```
/// use fitcheck::input::leakage::canonical::normalise_text;
/// assert_eq!(normalise_text("  Hello,   WORLD!! "), "hello world");
/// assert_eq!(normalise_text("ﬁne\u{3000}Ｔｅｘｔ"), "fine text");
/// ```
pub fn normalise_text(text: &str) -> String {
    let lowered = text.nfkc().collect::<String>().to_lowercase();
    let kept: String = lowered
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The finite number a trimmed cell reads as, with `-0` as `0`.
fn as_number(cell: &[u8]) -> Option<f64> {
    let text = std::str::from_utf8(cell).ok()?;
    // A cheap first test: every number starts with a digit, sign or point.
    let first = *cell.first()?;
    if !(first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.')) {
        return None;
    }
    match text.parse::<f64>() {
        Ok(x) if x.is_finite() => Some(if x == 0.0 { 0.0 } else { x }),
        _ => None,
    }
}

/// Appends the canonical bytes of one cell (rules in the module doc) to `out`.
pub fn push_cell(out: &mut Vec<u8>, cell: &[u8], normalise: bool) {
    let cell = cell.trim_ascii();
    if let Some(x) = as_number(cell) {
        out.push(NUMBER);
        out.extend_from_slice(&x.to_bits().to_le_bytes());
        return;
    }
    out.push(TEXT);
    if normalise {
        let text = normalise_text(&String::from_utf8_lossy(cell));
        out.extend_from_slice(&(text.len() as u64).to_le_bytes());
        out.extend_from_slice(text.as_bytes());
    } else {
        out.extend_from_slice(&(cell.len() as u64).to_le_bytes());
        out.extend_from_slice(cell);
    }
}

/// The 64-bit hash of canonical bytes: XXH3-64 with seed 0 (the
/// `xxhash-rust` crate, pure Rust, the same value on every platform and on
/// wasm32). A well-kept library rather than a hand-written hash.
pub fn hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(cell: &str, normalise: bool) -> Vec<u8> {
        let mut out = Vec::new();
        push_cell(&mut out, cell.as_bytes(), normalise);
        out
    }

    #[test]
    fn numbers_equal_across_spellings() {
        assert_eq!(bytes("1", false), bytes("1.0", false));
        assert_eq!(bytes("1e0", false), bytes(" 1.000 ", false));
        assert_eq!(bytes("-0", false), bytes("0", false));
        assert_ne!(bytes("1", false), bytes("1.5", false));
        // Not finite: text, so "inf" equals only "inf".
        assert_ne!(bytes("inf", false), bytes("Infinity", false));
        assert_eq!(bytes("", false), bytes("  ", false));
    }

    #[test]
    fn text_is_length_prefixed() {
        let mut a = Vec::new();
        push_cell(&mut a, b"ab", false);
        push_cell(&mut a, b"c", false);
        let mut b = Vec::new();
        push_cell(&mut b, b"a", false);
        push_cell(&mut b, b"bc", false);
        assert_ne!(a, b);
    }

    #[test]
    fn normalise_only_with_the_option() {
        assert_ne!(bytes("Hello!", false), bytes("hello", false));
        assert_eq!(bytes("Hello!", true), bytes("hello", true));
    }
}
