//! How to read a file, as either door receives it: the CLI's flags and the
//! page's mapping form give the same few settings, turned into
//! [`IngestOptions`] by one function.

use super::{ColumnRef, IngestOptions, ModelChoice};
use crate::error::{Error, ErrorKind};
use crate::format::{excerpt, MAX_QUOTED_CHARS};

/// The reading settings a user can give; everything left out is detected.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReadSettings {
    /// The delimiter as named (`,`, `;`, `tab`); `None` detects it.
    pub delimiter: Option<String>,
    /// Whether the first row is a header; `None` detects it.
    pub has_header: Option<bool>,
    /// The true-label column.
    pub truth: Option<ColumnRef>,
    /// The predicted-label column.
    pub pred: Option<ColumnRef>,
    /// The score column.
    pub score: Option<ColumnRef>,
    /// Skip bad rows (counted and listed) instead of stopping at the first.
    pub skip_bad_rows: bool,
    /// The file's size, when known, so columns are allocated once.
    pub expected_bytes: Option<u64>,
    /// For a comparison: the model columns to read (one or two), instead
    /// of `pred` or `score`.
    pub models: Option<Vec<ModelChoice>>,
}

impl ReadSettings {
    /// The ingest options, with the class limit already resolved by the
    /// core's settings. Fails only on a delimiter that is not one character.
    pub fn options(self, max_classes: usize) -> Result<IngestOptions, Error> {
        let mut o = IngestOptions::new()
            .skip_bad_rows(self.skip_bad_rows)
            .max_classes(max_classes);
        if let Some(d) = &self.delimiter {
            o = o.delimiter(parse_delimiter(d)?);
        }
        if let Some(h) = self.has_header {
            o = o.has_header(h);
        }
        if let Some(c) = self.truth {
            o = o.truth(c);
        }
        if let Some(c) = self.pred {
            o = o.pred(c);
        }
        if let Some(c) = self.score {
            o = o.score(c);
        }
        if let Some(n) = self.expected_bytes {
            o = o.expected_bytes(n);
        }
        if let Some(models) = self.models {
            o = o.models(models);
        }
        Ok(o)
    }
}

/// Parses a delimiter as a user names it: one character, or `tab` (also
/// `\t`). Shared by the CLI's `--delimiter` and the page's menu.
pub fn parse_delimiter(text: &str) -> Result<u8, Error> {
    match text {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        d if d.len() == 1 => Ok(d.as_bytes()[0]),
        other => Err(Error::new(ErrorKind::InvalidOption {
            option: "delimiter",
            problem: format!(
                "\"{}\" is not a single character; use , ; or tab",
                excerpt(other, MAX_QUOTED_CHARS)
            ),
        })),
    }
}
