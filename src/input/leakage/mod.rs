//! Reading a training CSV and a test CSV for the leakage check, keeping
//! one pair of 64-bit hashes per row and never the rows.
//!
//! ```
//! use fitcheck::input::leakage::{LeakageSettings, HashReader};
//! let settings = LeakageSettings::default();
//! let mut train = HashReader::new(&settings, None);
//! train.push(b"text,label\nhi,1\nyo,").unwrap();
//! train.push(b"0\n").unwrap(); // chunks may split anywhere
//! let train = train.finish().unwrap();
//! assert_eq!(train.plan.label.as_deref(), Some("label"));
//! let mut test = HashReader::new(&settings, Some(&train.plan));
//! test.push(b"label;text\n1.0;hi\n").unwrap(); // other order, other delimiter
//! let test = test.finish().unwrap();
//! assert_eq!(test.rows[0], train.rows[0]);
//! ```
//!
//! **Columns.** Both files need a header; columns are matched by their
//! trimmed header name, in any order. Every column is compared except the
//! ignored ones. The label is the column the user names, else the training
//! column whose name the file mode reads as true labels, ranked by that
//! list's order ([`TRUTH_NAMES`]: `y_true` before `label` before `target`
//! before `y`…), so a feature `y` beside a `label` column stays a feature;
//! without one there is no label (and no conflicting-labels count). A compared column missing from
//! the test file, or a test column that is neither compared nor ignored, is
//! an error that names it.
//!
//! **Values.** Cell by cell, as [`canonical`] states: a cell that reads as
//! a finite number compares as that number (`1` = `1.0` = `1e0`), any other
//! cell as its trimmed text; empty equals empty. This is a cell-level rule,
//! chosen so each file is read once, as a stream: it differs from the
//! column-level rule ("numbers only when the column is numeric in both
//! files") only in a column holding both text and numbers, where two
//! spellings of one number (`1`, `1.0`) compare equal here and not under the
//! column rule.
//!
//! **Hashes.** Per row, XXH3-64 over the canonical bytes of the compared
//! columns in the training file's order: once over the features (every
//! compared column but the label), once over the features then the label
//! (the whole row). Matches are not confirmed by comparing the rows
//! themselves: the rows are not kept (see `metrics/leakage.rs` for the
//! collision odds).
//!
//! **Errors.** As the file mode words them: an empty file, a file of blank
//! lines, a header without rows, a ragged row (`line N: expected K fields,
//! found M`), a quoted field never closed, a zero byte; each names the file
//! (training or test). With [`LeakageSettings::skip_bad_rows`] a ragged row
//! is skipped instead, counted, and the first [`SKIPPED_SAMPLES`] kept with
//! their messages for a warning (a file whose every data row is ragged is
//! still an error). The header row found again mid-file (two CSVs joined
//! with `cat`) is always skipped and its lines kept, as in the file mode.
//! Either costs a count and a few lines per file, not per row.

pub mod canonical;

use crate::error::{Error, ErrorKind};
use crate::format::{excerpt, name_list, MAX_QUOTED_CHARS};
use crate::input::ingest::encoding::{binary_file, utf16_encoding, utf16_file};
use crate::input::ingest::lines::LineMap;
use crate::input::ingest::records::{Record, RecordSplitter};
use crate::input::ingest::sniff::{detect_delimiter, normalise_name, TRUTH_NAMES};
use crate::input::ingest::{SkippedRow, SKIPPED_SAMPLES};
use canonical::{hash, push_cell};
use std::collections::{HashMap, HashSet};

/// Bytes gathered before sniffing the delimiter (as the file mode does).
const SNIFF_BYTES: usize = 64 * 1024;

/// What the user chose for the leakage check.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LeakageSettings {
    /// The label column's header name; detected when `None`.
    pub label: Option<String>,
    /// Header names of columns left out of the comparison (ids, timestamps).
    pub ignore: Vec<String>,
    /// Compare text after [`canonical::normalise_text`].
    pub normalize_text: bool,
    /// Skip ragged rows (counted, the first few kept) instead of stopping.
    pub skip_bad_rows: bool,
}

/// Which columns are compared, decided from the training file's header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnPlan {
    /// Compared columns (label included), in the training file's order.
    pub columns: Vec<String>,
    /// The label column, one of `columns`.
    pub label: Option<String>,
    /// Ignored columns as found in the training file.
    pub ignored: Vec<String>,
}

/// One row's hashes: 16 bytes, all a row costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RowHash {
    /// Hash of the features (every compared column but the label).
    pub features: u64,
    /// Hash of the features and the label: the whole compared row.
    pub full: u64,
}

/// A file read: its plan, one [`RowHash`] per data row, and their lines.
#[derive(Debug, Clone, PartialEq)]
pub struct HashedFile {
    /// The compared columns (the training file's plan).
    pub plan: ColumnPlan,
    /// One entry per data row, in file order.
    pub rows: Vec<RowHash>,
    /// Row index → file line (1-based).
    pub lines: LineMap,
    /// The delimiter detected.
    pub delimiter: u8,
    /// Ragged rows skipped (with [`LeakageSettings::skip_bad_rows`]).
    pub skipped: u64,
    /// The first [`SKIPPED_SAMPLES`] skipped rows, with their messages.
    pub skipped_samples: Vec<SkippedRow>,
    /// Times the header row appears again mid-file (each skipped).
    pub repeated_headers: u64,
    /// The lines of its first [`SKIPPED_SAMPLES`] repeats.
    pub repeated_header_lines: Vec<u64>,
}

/// Streams one CSV file into row hashes. Fed whole or in chunks cut
/// anywhere, it gives the same [`HashedFile`].
pub struct HashReader {
    normalize: bool,
    skip_bad_rows: bool,
    label: Option<String>,
    ignore: Vec<String>,
    /// The training file's plan when this is the test file.
    train_plan: Option<ColumnPlan>,
    head: Vec<u8>,
    splitter: Option<RecordSplitter>,
    delimiter: u8,
    saw_text: bool,
    bytes: u64,
    /// Decided at the header.
    plan: Option<ColumnPlan>,
    /// File column index of each compared feature, in plan order.
    feature_at: Vec<usize>,
    /// File column index of the label.
    label_at: Option<usize>,
    width: usize,
    /// The header's fields, trimmed, to spot it repeated mid-file.
    header: Vec<Vec<u8>>,
    /// Length of the header's first field: a shorter first field cannot
    /// start a repeated header (the only test on the hot path).
    header_first_len: usize,
    buf: Vec<u8>,
    rows: Vec<RowHash>,
    lines: LineMap,
    skipped: u64,
    skipped_samples: Vec<SkippedRow>,
    repeated_headers: u64,
    repeated_header_lines: Vec<u64>,
}

impl HashReader {
    /// A reader for the training file (`train_plan` `None`) or for the test
    /// file (`train_plan` the training file's plan).
    pub fn new(settings: &LeakageSettings, train_plan: Option<&ColumnPlan>) -> Self {
        HashReader {
            normalize: settings.normalize_text,
            skip_bad_rows: settings.skip_bad_rows,
            label: settings.label.as_ref().map(|l| l.trim().to_string()),
            ignore: settings
                .ignore
                .iter()
                .map(|c| c.trim().to_string())
                .collect(),
            train_plan: train_plan.cloned(),
            head: Vec::new(),
            splitter: None,
            delimiter: b',',
            saw_text: false,
            bytes: 0,
            plan: None,
            feature_at: Vec::new(),
            label_at: None,
            width: 0,
            header: Vec::new(),
            header_first_len: 0,
            buf: Vec::new(),
            rows: Vec::new(),
            lines: LineMap::default(),
            skipped: 0,
            skipped_samples: Vec::new(),
            repeated_headers: 0,
            repeated_header_lines: Vec::new(),
        }
    }

    /// Rows read so far (for progress).
    pub fn rows(&self) -> u64 {
        self.rows.len() as u64
    }

    /// Bytes fed so far.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// Feeds the next chunk of the file.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), Error> {
        self.bytes += chunk.len() as u64;
        if self.splitter.is_none() {
            self.head.extend_from_slice(chunk);
            if self.head.len() < SNIFF_BYTES {
                return Ok(());
            }
            let head = std::mem::take(&mut self.head);
            return self.start(&head);
        }
        let offset = self.bytes - chunk.len() as u64;
        self.feed(chunk, offset)
    }

    /// Ends the input and returns the hashes.
    pub fn finish(mut self) -> Result<HashedFile, Error> {
        if self.splitter.is_none() {
            let head = std::mem::take(&mut self.head);
            self.start(&head)?;
        }
        let mut splitter = self
            .splitter
            .take()
            .unwrap_or_else(|| RecordSplitter::new(self.delimiter));
        splitter.finish(&mut |r| self.on_record(r))?;
        if !self.saw_text {
            return Err(Error::file("the file is empty: there are no rows to read"));
        }
        let Some(plan) = self.plan else {
            return Err(Error::file("the file has no data: every line is blank"));
        };
        if self.rows.is_empty() {
            return Err(Error::file(match self.skipped_samples.first() {
                Some(first) => format!(
                    "every data row was bad ({} skipped); the first: {}",
                    self.skipped, first.message
                ),
                None => "the file has a header row but no data rows".to_string(),
            }));
        }
        Ok(HashedFile {
            plan,
            rows: self.rows,
            lines: self.lines,
            delimiter: self.delimiter,
            skipped: self.skipped,
            skipped_samples: self.skipped_samples,
            repeated_headers: self.repeated_headers,
            repeated_header_lines: self.repeated_header_lines,
        })
    }

    fn start(&mut self, head: &[u8]) -> Result<(), Error> {
        let bom = if head.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        if let Some(encoding) = utf16_encoding(head) {
            return Err(utf16_file(encoding));
        }
        let head = &head[bom..];
        let window = &head[..head.len().min(SNIFF_BYTES)];
        self.delimiter = detect_delimiter(window);
        self.saw_text = !head.is_empty();
        self.splitter = Some(RecordSplitter::new(self.delimiter));
        self.feed(head, bom as u64)
    }

    /// Reads a chunk starting at byte `offset` (0-based); a zero byte ends
    /// the file as binary after the rows before it, as in the file mode.
    fn feed(&mut self, chunk: &[u8], offset: u64) -> Result<(), Error> {
        let zero = memchr::memchr(0, chunk);
        let text = &chunk[..zero.unwrap_or(chunk.len())];
        let mut splitter = self.splitter.take().expect("feed after start");
        let result = splitter.feed(text, &mut |r| self.on_record(r));
        self.splitter = Some(splitter);
        result?;
        match zero {
            Some(pos) => Err(binary_file(offset + pos as u64 + 1, "the data as CSV")),
            None => Ok(()),
        }
    }

    fn on_record(&mut self, record: Record) -> Result<(), Error> {
        if record.len() == 1 && record.field(0).trim_ascii().is_empty() && !record.unterminated {
            return Ok(());
        }
        if record.unterminated {
            return Err(Error::row(
                record.line,
                None,
                "a quoted field opened on this line is never closed, so the rest of the file was read into it; add the closing \"",
            ));
        }
        if self.plan.is_none() {
            let header: Vec<String> = (0..record.len())
                .map(|i| String::from_utf8_lossy(record.field(i)).trim().to_string())
                .collect();
            return self.decide(header);
        }
        if record.field(0).len() >= self.header_first_len && self.is_repeated_header(&record) {
            self.repeated_headers += 1;
            if self.repeated_header_lines.len() < SKIPPED_SAMPLES {
                self.repeated_header_lines.push(record.line);
            }
            return Ok(());
        }
        if record.len() != self.width {
            let error = Error::row(
                record.line,
                None,
                format!("expected {} fields, found {}", self.width, record.len()),
            );
            if !self.skip_bad_rows {
                return Err(error);
            }
            self.skipped += 1;
            if self.skipped_samples.len() < SKIPPED_SAMPLES {
                self.skipped_samples.push(SkippedRow {
                    line: record.line,
                    message: error.to_string(),
                });
            }
            return Ok(());
        }
        self.buf.clear();
        for &i in &self.feature_at {
            push_cell(&mut self.buf, record.field(i), self.normalize);
        }
        let features = hash(&self.buf);
        if let Some(i) = self.label_at {
            push_cell(&mut self.buf, record.field(i), self.normalize);
        }
        let full = hash(&self.buf);
        self.lines.record(self.rows.len() as u64, record.line);
        self.rows.push(RowHash { features, full });
        Ok(())
    }

    /// Whether a record equals the header, field by field (trimmed).
    #[cold]
    #[inline(never)]
    fn is_repeated_header(&self, record: &Record) -> bool {
        record.len() == self.header.len()
            && (0..self.header.len())
                .all(|i| record.field(i).trim_ascii() == self.header[i].as_slice())
    }

    /// Matches the header against the settings (training file) or the
    /// training file's plan (test file).
    fn decide(&mut self, header: Vec<String>) -> Result<(), Error> {
        self.width = header.len();
        self.header = header.iter().map(|h| h.as_bytes().to_vec()).collect();
        self.header_first_len = header.first().map_or(0, String::len);
        // Names looked up in a hash map: a header of 10,000 columns is
        // matched in milliseconds, not the seconds pairwise searches took.
        let mut index: HashMap<&str, usize> = HashMap::with_capacity(header.len());
        for (i, name) in header.iter().enumerate() {
            if index.insert(name.as_str(), i).is_some() {
                return Err(Error::file(format!(
                    "the column \"{}\" appears twice in the header: columns are matched by name, so each name must be unique",
                    excerpt(name, MAX_QUOTED_CHARS)
                )));
            }
        }
        let plan = match self.train_plan.take() {
            None => self.plan_from(&header)?,
            Some(plan) => {
                check_test_header(&header, &plan)?;
                plan
            }
        };
        let position = |name: &str| index.get(name).copied();
        self.feature_at = plan
            .columns
            .iter()
            .filter(|c| Some(*c) != plan.label.as_ref())
            .filter_map(|c| position(c))
            .collect();
        self.label_at = plan.label.as_deref().and_then(position);
        self.plan = Some(plan);
        Ok(())
    }

    /// The plan from the training file's header.
    fn plan_from(&self, header: &[String]) -> Result<ColumnPlan, Error> {
        let ignored: Vec<String> = header
            .iter()
            .filter(|h| self.ignore.contains(h))
            .cloned()
            .collect();
        let columns: Vec<String> = header
            .iter()
            .filter(|h| !self.ignore.contains(h))
            .cloned()
            .collect();
        if columns.is_empty() {
            return Err(Error::new(ErrorKind::NeedMapping {
                columns: header.to_vec(),
                problem: "every column is ignored: keep at least one to compare".into(),
            }));
        }
        let label = match &self.label {
            Some(l) if columns.contains(l) => Some(l.clone()),
            Some(l) => {
                return Err(Error::new(ErrorKind::NeedMapping {
                    columns: header.to_vec(),
                    problem: format!(
                        "the label column \"{}\" {}",
                        excerpt(l, MAX_QUOTED_CHARS),
                        if ignored.contains(l) {
                            "is also ignored: keep it, or choose no label"
                        } else {
                            "is not a column"
                        }
                    ),
                }))
            }
            None => columns
                .iter()
                .filter_map(|c| truth_rank(c).map(|rank| (rank, c)))
                .min_by_key(|(rank, _)| *rank)
                .map(|(_, c)| c.clone()),
        };
        Ok(ColumnPlan {
            columns,
            label,
            ignored,
        })
    }
}

/// Where a header name stands among the true-label names
/// ([`TRUTH_NAMES`], most telling first), if it is one: `label` outranks
/// `y`, so a feature called `y` beside a `label` column stays a feature.
fn truth_rank(name: &str) -> Option<usize> {
    let n = normalise_name(name);
    TRUTH_NAMES.iter().position(|t| *t == n)
}

/// Checks that the test header holds every compared column and nothing
/// else that is not ignored; names what is missing or extra.
fn check_test_header(header: &[String], plan: &ColumnPlan) -> Result<(), Error> {
    let in_header: HashSet<&String> = header.iter().collect();
    let known: HashSet<&String> = plan.columns.iter().chain(&plan.ignored).collect();
    let missing: Vec<String> = plan
        .columns
        .iter()
        .filter(|c| !in_header.contains(c))
        .cloned()
        .collect();
    if let Some(label) = plan.label.as_ref().filter(|l| missing.contains(l)) {
        return Err(Error::new(ErrorKind::NeedMapping {
            columns: header.to_vec(),
            problem: format!(
                "the label column \"{}\" is in the training file but not in the test file: choose the label, or ignore it",
                excerpt(label, MAX_QUOTED_CHARS)
            ),
        }));
    }
    if !missing.is_empty() {
        return Err(Error::new(ErrorKind::NeedMapping {
            columns: header.to_vec(),
            problem: format!(
                "{} {} {} in the training file but not in the test file: ignore {}",
                if missing.len() == 1 {
                    "the column"
                } else {
                    "the columns"
                },
                quoted_names(&missing),
                if missing.len() == 1 { "is" } else { "are" },
                if missing.len() == 1 { "it" } else { "them" },
            ),
        }));
    }
    let extra: Vec<String> = header
        .iter()
        .filter(|h| !known.contains(h))
        .cloned()
        .collect();
    if !extra.is_empty() {
        return Err(Error::new(ErrorKind::NeedMapping {
            columns: header.to_vec(),
            problem: format!(
                "{} {} {} in the test file but not in the training file: ignore {}",
                if extra.len() == 1 {
                    "the column"
                } else {
                    "the columns"
                },
                quoted_names(&extra),
                if extra.len() == 1 { "is" } else { "are" },
                if extra.len() == 1 { "it" } else { "them" },
            ),
        }));
    }
    Ok(())
}

/// Names quoted and joined (`"a", "b" and "c"`).
fn quoted_names(names: &[String]) -> String {
    name_list(names, true)
}

/// Which file an error came from: `training` or `test`, added to its words.
pub fn in_file(error: Error, which: &str) -> Error {
    match error.kind() {
        ErrorKind::Row {
            line,
            column,
            problem,
        } => Error::row(
            *line,
            column.as_ref().map(|(i, n)| (*i, n.as_str())),
            format!("{problem} (in the {which} file)"),
        ),
        ErrorKind::File { problem } => Error::file(format!("the {which} file: {problem}")),
        ErrorKind::NeedMapping { columns, problem } => Error::new(ErrorKind::NeedMapping {
            columns: columns.clone(),
            problem: format!("{problem} (the {which} file)"),
        }),
        _ => error,
    }
}

/// Reads both files held in memory (the CLI; tests): training first.
pub fn read_pair(
    train: &[u8],
    test: &[u8],
    settings: &LeakageSettings,
) -> Result<(HashedFile, HashedFile), Error> {
    let mut reader = HashReader::new(settings, None);
    let train = reader
        .push(train)
        .and_then(|()| reader.finish())
        .map_err(|e| in_file(e, "training"))?;
    let mut reader = HashReader::new(settings, Some(&train.plan));
    let test = reader
        .push(test)
        .and_then(|()| reader.finish())
        .map_err(|e| in_file(e, "test"))?;
    Ok((train, test))
}
