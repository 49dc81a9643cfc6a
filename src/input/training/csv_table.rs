//! One pass over a CSV training log: the header, then each row's x cell
//! and every other cell, straight into series (no table kept in memory).
//!
//! Records come from the ingest splitter ([`RecordSplitter`], csv-core:
//! quotes, CRLF/LF/CR, the line of each record) and the delimiter from the
//! ingest sniffer ([`detect_delimiter`]: `,`, `;` or tab).
//!
//! Cells: empty or `NA` (Keras' missing value; R's) is missing and skipped
//! for that series only; `nan`, `NaN`, `inf`, `-inf`, `Infinity` (any case,
//! as Rust's float parser reads them) are kept as non-finite values; a
//! number written out but beyond ±1.8e308 (`1e400`) is an error, not
//! infinity. A
//! column whose first present cell is not a number is a text column and
//! not a series (a `phase` or `run` column); in a numeric column a cell that
//! is not a number is an error naming its line and column.

use super::{Series, SeriesRole};
use crate::error::Error;
use crate::format::excerpt;
use crate::input::ingest::encoding::{digits_hint, overflows};
use crate::input::ingest::records::{Record, RecordSplitter};
use crate::input::ingest::sniff::detect_delimiter;

/// Characters of a cell quoted in a message.
const QUOTED_CELL_CHARS: usize = 40;
/// Bytes the delimiter is guessed from.
const SNIFF_BYTES: usize = 64 * 1024;

/// Which columns to read, decided from the header.
pub struct ColumnPlan {
    /// The x column (0-based): `step`, `Step` or `epoch`.
    pub x: usize,
    /// What the x column counts, for messages (`step`, `epoch`).
    pub x_word: &'static str,
    /// The columns read as series, in order.
    pub series: Vec<usize>,
}

/// What one pass found.
pub struct CsvPass {
    /// The header's names, trimmed.
    pub header: Vec<String>,
    /// One series per planned column with at least one numeric cell, named
    /// after its column, in plan order; role from the name.
    pub series: Vec<Series>,
    /// Whether any planned cell was missing (empty or `NA`).
    pub saw_missing: bool,
}

/// A column being read.
struct Column {
    index: usize,
    /// None until its first present cell; then numeric or text for good.
    numeric: Option<bool>,
    x: Vec<f64>,
    y: Vec<f64>,
}

/// A cell as read.
enum Cell {
    Missing,
    Number(f64),
    /// A number beyond ±1.8e308 (`1e400`), which would read as infinity.
    TooLarge,
    NotNumber,
}

fn cell(field: &[u8]) -> Cell {
    let t = field.trim_ascii();
    if t.is_empty() || t == b"NA" {
        return Cell::Missing;
    }
    let Ok(text) = std::str::from_utf8(t) else {
        return Cell::NotNumber;
    };
    match text.parse::<f64>() {
        Ok(v) if overflows(text, v) => Cell::TooLarge,
        Ok(v) => Cell::Number(v),
        Err(_) => Cell::NotNumber,
    }
}

/// Why a cell is not a number, quoting it (with a hint for digits other than 0–9).
fn not_a_number(field: &[u8]) -> String {
    let text = String::from_utf8_lossy(field.trim_ascii());
    format!(
        "\"{}\" is not a number{}",
        quoted(field),
        digits_hint(&text)
    )
}

fn quoted(field: &[u8]) -> String {
    excerpt(
        &String::from_utf8_lossy(field.trim_ascii()),
        QUOTED_CELL_CHARS,
    )
}

/// Reads the CSV in `bytes` (a UTF-8 byte order mark already removed):
/// `plan` decides from the header which columns to read.
pub fn read_csv(
    bytes: &[u8],
    plan: impl FnOnce(&[String]) -> Result<ColumnPlan, Error>,
) -> Result<CsvPass, Error> {
    let delimiter = detect_delimiter(&bytes[..bytes.len().min(SNIFF_BYTES)]);
    let mut splitter = RecordSplitter::new(delimiter);
    let mut plan = Some(plan);
    let mut header: Vec<String> = Vec::new();
    let mut columns: Vec<Column> = Vec::new();
    let mut x_at = 0usize;
    let mut x_word = "";
    let mut saw_missing = false;
    let mut rows = 0u64;
    let mut on_record = |r: Record| -> Result<(), Error> {
        // A line of spaces, or of delimiters only (`,,,`, seen in Lightning
        // files), is a blank line (csv-core skips only empty ones).
        if (0..r.len()).all(|i| r.field(i).trim_ascii().is_empty()) {
            return Ok(());
        }
        if let Some(plan) = plan.take() {
            header = (0..r.len())
                .map(|i| String::from_utf8_lossy(r.field(i)).trim().to_string())
                .collect();
            let p = plan(&header)?;
            x_at = p.x;
            x_word = p.x_word;
            columns = p
                .series
                .into_iter()
                .map(|index| Column {
                    index,
                    numeric: None,
                    x: Vec::new(),
                    y: Vec::new(),
                })
                .collect();
            return Ok(());
        }
        if r.len() != header.len() {
            return Err(Error::row(
                r.line,
                None,
                format!("expected {} fields, found {}", header.len(), r.len()),
            ));
        }
        let at = |i: usize| Some((i + 1, header[i].as_str()));
        let x = match cell(r.field(x_at)) {
            Cell::Number(v) if v.is_finite() => v,
            Cell::Number(_) | Cell::TooLarge => {
                return Err(Error::row(
                    r.line,
                    at(x_at),
                    format!(
                        "the {x_word} must be a finite number, not \"{}\"",
                        quoted(r.field(x_at))
                    ),
                ))
            }
            Cell::Missing => {
                return Err(Error::row(
                    r.line,
                    at(x_at),
                    format!("the {x_word} is missing: every row needs one"),
                ))
            }
            Cell::NotNumber => {
                return Err(Error::row(r.line, at(x_at), not_a_number(r.field(x_at))))
            }
        };
        rows += 1;
        for c in columns.iter_mut() {
            match (cell(r.field(c.index)), c.numeric) {
                (Cell::Missing, _) => saw_missing = true,
                (Cell::TooLarge, Some(true) | None) => {
                    return Err(Error::row(
                        r.line,
                        at(c.index),
                        format!(
                            "\"{}\" is too large for a number (beyond ±1.8e308)",
                            quoted(r.field(c.index))
                        ),
                    ))
                }
                (Cell::Number(v), Some(true) | None) => {
                    c.numeric = Some(true);
                    c.x.push(x);
                    c.y.push(v);
                }
                (Cell::NotNumber, None) => c.numeric = Some(false),
                (_, Some(false)) => {}
                (Cell::NotNumber, Some(true)) => {
                    return Err(Error::row(
                        r.line,
                        at(c.index),
                        not_a_number(r.field(c.index)),
                    ))
                }
            }
        }
        Ok(())
    };
    splitter.feed(bytes, &mut on_record)?;
    splitter.finish(&mut on_record)?;
    if header.is_empty() {
        return Err(blank_file());
    }
    if rows == 0 {
        return Err(Error::file(
            "the file has a header row but no data rows: there are no points to draw",
        ));
    }
    let series: Vec<Series> = columns
        .into_iter()
        .filter(|c| c.numeric == Some(true))
        .map(|c| Series {
            role: SeriesRole::of(&header[c.index]),
            name: header[c.index].clone(),
            x: c.x,
            y: c.y,
        })
        .collect();
    if series.is_empty() {
        return Err(Error::file(format!(
            "no numeric columns: besides the {x_word} column, no column holds numbers, so there is no curve to draw"
        )));
    }
    Ok(CsvPass {
        header,
        series,
        saw_missing,
    })
}

/// The error for a file of blank lines only.
pub fn blank_file() -> Error {
    Error::file("the file has no data: every line is blank")
}
