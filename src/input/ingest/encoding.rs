//! What every reader says about a file that is not UTF-8 text: UTF-16
//! (Excel's "Unicode Text"), binary (a zero byte), or a cell whose bytes are
//! not UTF-8. One wording for the prediction, comparison, leakage and
//! training-log readers, so a user meets the same sentence in every tab.
//!
//! UTF-16 is named rather than read: it is rare outside Excel's "Unicode
//! Text" export, Excel's own "CSV UTF-8" is one menu away, and decoding it
//! would make every byte offset in every other message count a different
//! text than the file the user has.
//!
//! ```
//! use fitcheck::input::ingest::encoding::{utf16_encoding, not_utf8};
//! assert_eq!(utf16_encoding(b"\xFF\xFEy\0_\0"), Some("little-endian"));
//! assert_eq!(utf16_encoding(b"y_true,y_pred\n"), None);
//! assert_eq!(not_utf8(b"caf\xE9"), "byte 4 of the cell (0xE9) is not UTF-8 text; save the file as UTF-8 (in Excel: \"CSV UTF-8\")");
//! ```

use crate::error::Error;

/// Names the encoding when the file starts as UTF-16 text: a UTF-16 byte
/// order mark (FF FE or FE FF), or, without one, every other byte zero in
/// its first KiB (ASCII text in UTF-16), which no UTF-8 text does.
pub fn utf16_encoding(head: &[u8]) -> Option<&'static str> {
    if head.starts_with(&[0xFF, 0xFE]) {
        return Some("little-endian");
    }
    if head.starts_with(&[0xFE, 0xFF]) {
        return Some("big-endian");
    }
    let sample = &head[..head.len().min(1024) & !1];
    if sample.len() < 8 {
        return None;
    }
    let zeros = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let half = sample.len() / 2;
    let (even, odd) = (zeros(0), zeros(1));
    if odd * 10 >= half * 9 && even == 0 {
        Some("little-endian")
    } else if even * 10 >= half * 9 && odd == 0 {
        Some("big-endian")
    } else {
        None
    }
}

/// The error for a UTF-16 file (`encoding` from [`utf16_encoding`]).
pub fn utf16_file(encoding: &str) -> Error {
    Error::file(format!(
        "this file is UTF-16 text ({encoding}; Excel calls it \"Unicode Text\"), not UTF-8: save it as \"CSV UTF-8\" in Excel, or convert it (for example iconv -f UTF-16 -t UTF-8), then load it again"
    ))
}

/// The error for a zero byte at `byte` (1-based) of a file that should be
/// text; `export` says what to export instead (`the predictions as CSV`).
pub fn binary_file(byte: u64, export: &str) -> Error {
    Error::file(format!(
        "this looks like a binary file, not CSV text (a zero byte at byte {byte}); export {export}"
    ))
}

/// Why a cell's bytes are not UTF-8: the first bad byte's place in the cell
/// (1-based) and value, and what to do (a sentence fragment for a row error).
pub fn not_utf8(cell: &[u8]) -> String {
    let at = std::str::from_utf8(cell)
        .err()
        .map_or(0, |e| e.valid_up_to());
    format!(
        "byte {} of the cell (0x{:02X}) is not UTF-8 text; save the file as UTF-8 (in Excel: \"CSV UTF-8\")",
        at + 1,
        cell.get(at).copied().unwrap_or(0)
    )
}

/// For a cell that is not a number: a hint when it holds digits other than
/// 0–9 (Arabic-Indic `١٢٣`, full-width `１２３`…), which look like numbers
/// to a reader but not to any parser; empty otherwise.
pub fn digits_hint(text: &str) -> &'static str {
    if text.chars().any(|c| c.is_numeric() && !c.is_ascii_digit()) {
        " (write numbers with the digits 0–9)"
    } else {
        ""
    }
}

/// For a number too large for a 64-bit float (`1e400` reads as infinity):
/// whether `text` parsed to ±infinity without spelling it (`inf`, `Infinity`).
pub fn overflows(text: &str, value: f64) -> bool {
    value.is_infinite() && !text.to_ascii_lowercase().contains("inf")
}
