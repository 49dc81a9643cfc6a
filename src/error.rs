//! The one error type of fitcheck. Every error reads as a sentence a user can
//! act on; errors about a place in the input carry that place.

use crate::format::{excerpt, name_list, MAX_QUOTED_CHARS};
use std::fmt;

/// What went wrong, without where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// A count field is empty, negative, fractional, not a number or too large.
    /// `field` is the metric-style name (`tp`, `fn`, `fp`, `tn`).
    InvalidCount {
        /// Which count (`tp`, `fn`, `fp`, `tn`).
        field: &'static str,
        /// Why it was rejected, as a sentence fragment.
        problem: String,
    },
    /// All four counts are zero: there is nothing to measure.
    NoExamples,
    /// A row of an input file is malformed. Lines count from 1 and include
    /// the header; columns count from 1.
    Row {
        /// The line the record starts on.
        line: u64,
        /// The column (1-based) and its name, when the problem is one field.
        column: Option<(usize, String)>,
        /// What is wrong, as a sentence fragment.
        problem: String,
    },
    /// The file as a whole cannot be used (empty, binary, no data rows, ...).
    File {
        /// What is wrong.
        problem: String,
    },
    /// The columns to use could not be decided; the user must choose.
    NeedMapping {
        /// Every column name (or "column N" without a header).
        columns: Vec<String>,
        /// What is missing.
        problem: String,
    },
    /// More distinct labels than the limit: probably the wrong column.
    TooManyClasses {
        /// The line where the limit was passed.
        line: u64,
        /// The column name.
        column: String,
        /// The limit in force.
        limit: usize,
    },
    /// Every example has one label and it has no usual partner (`cat`, unlike
    /// `1` ↔ `0`): the user must name the positive class (`field` is
    /// `positive`, so the page can ask for it next to the file).
    NeedPositive {
        /// The only label in the file.
        label: String,
    },
    /// The operation was cancelled by the user.
    Cancelled,
    /// Two prediction files of a comparison disagree on a row's true label:
    /// they do not list the same examples in the same order.
    TruthMismatch {
        /// The row (1-based data row) where they first differ.
        row: u64,
        /// The files' names.
        files: [String; 2],
        /// The row's line in each file.
        lines: [u64; 2],
        /// The true label each file gives.
        values: [String; 2],
    },
    /// A file too large for the page's memory (wasm32: at most 4 GiB),
    /// refused from its size before reading (see `input::fits`).
    TooLarge {
        /// The size of the files of the read, in bytes.
        bytes: u64,
        /// How many files the read has (one, or two for a comparison…).
        files: usize,
        /// The estimated memory the read would need, in bytes.
        needed: u64,
        /// The memory the page can hold, in bytes.
        limit: u64,
        /// The command-line tool's command for such files.
        command: &'static str,
    },
    /// An option (beta, task, a threshold) is out of range.
    InvalidOption {
        /// The option's name as the user typed it (`beta`, `task`, ...).
        option: &'static str,
        /// Why it was rejected.
        problem: String,
    },
}

/// A fitcheck error: a kind plus, for input files, a position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
}

impl Error {
    /// A problem with the file as a whole.
    pub fn file(problem: impl Into<String>) -> Self {
        Error::new(ErrorKind::File {
            problem: problem.into(),
        })
    }

    /// A problem with one row (and optionally one field) of a file.
    pub fn row(line: u64, column: Option<(usize, &str)>, problem: impl Into<String>) -> Self {
        Error::new(ErrorKind::Row {
            line,
            column: column.map(|(i, name)| (i, name.to_string())),
            problem: problem.into(),
        })
    }

    /// Wraps a kind.
    pub fn new(kind: ErrorKind) -> Self {
        Error { kind }
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// A stable snake_case id of the kind, for programs (`row`, `file`,
    /// `need_mapping`, `too_many_classes`, `invalid_count`, ...).
    pub fn kind_id(&self) -> &'static str {
        match &self.kind {
            ErrorKind::InvalidCount { .. } => "invalid_count",
            ErrorKind::NoExamples => "no_examples",
            ErrorKind::Row { .. } => "row",
            ErrorKind::File { .. } => "file",
            ErrorKind::NeedMapping { .. } => "need_mapping",
            ErrorKind::TooManyClasses { .. } => "too_many_classes",
            ErrorKind::Cancelled => "cancelled",
            ErrorKind::InvalidOption { .. } => "invalid_option",
            ErrorKind::NeedPositive { .. } => "need_positive",
            ErrorKind::TruthMismatch { .. } => "truth_mismatch",
            ErrorKind::TooLarge { .. } => "too_large",
        }
    }

    /// The line of the file the error is about, if any.
    pub fn line(&self) -> Option<u64> {
        match &self.kind {
            ErrorKind::Row { line, .. } | ErrorKind::TooManyClasses { line, .. } => Some(*line),
            ErrorKind::TruthMismatch { lines, .. } => Some(lines[1]),
            _ => None,
        }
    }

    /// The columns the user can choose from, for `need_mapping` errors.
    pub fn columns(&self) -> Option<&[String]> {
        match &self.kind {
            ErrorKind::NeedMapping { columns, .. } => Some(columns),
            _ => None,
        }
    }

    /// The input field the error belongs to, so a page can show the message
    /// next to it (`tp`, `fn`, `fp`, `tn`, `beta`, ...).
    pub fn field(&self) -> Option<&'static str> {
        match &self.kind {
            ErrorKind::InvalidCount { field, .. } => Some(field),
            ErrorKind::InvalidOption { option, .. } => Some(option),
            ErrorKind::NeedPositive { .. } => Some("positive"),
            ErrorKind::TooManyClasses { .. } => Some("max_classes"),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::InvalidCount { field, problem } => {
                write!(f, "{}: {}", count_label(field), problem)
            }
            ErrorKind::NoExamples => write!(
                f,
                "all four counts are zero: enter at least one example to measure"
            ),
            ErrorKind::InvalidOption { option, problem } => write!(f, "{option}: {problem}"),
            // Names come from the file: quoted short, controls made visible.
            ErrorKind::Row { line, column: Some((index, name)), problem } => {
                let name = excerpt(name, MAX_QUOTED_CHARS);
                write!(f, "line {line}, column {index} (\"{name}\"): {problem}")
            }
            ErrorKind::Row { line, column: None, problem } => write!(f, "line {line}: {problem}"),
            ErrorKind::File { problem } => write!(f, "{problem}"),
            ErrorKind::NeedMapping { columns, problem } => {
                write!(f, "{problem}; the columns are: {}", name_list(columns, false))
            }
            ErrorKind::TooManyClasses { line, column, limit } => write!(
                f,
                "line {line}: more than {limit} distinct labels (the limit was passed in column \"{column}\") — is that the right column? \
                 Choose another column, or raise the class limit to continue",
                column = excerpt(column, MAX_QUOTED_CHARS)
            ),
            ErrorKind::NeedPositive { label } => write!(
                f,
                "every example has the label \"{}\": a binary report needs two classes. Name the positive class to continue",
                excerpt(label, MAX_QUOTED_CHARS)
            ),
            ErrorKind::Cancelled => write!(f, "Reading was cancelled."),
            ErrorKind::TooLarge { bytes, files, needed, limit, command } => write!(
                f,
                "{} {}; reading {} here would take about {} of memory, and the page can hold about {}. Use the command-line tool, which has no such limit: {command}",
                if *files == 1 { "this file is" } else { "these files are together" },
                crate::format::gigabytes(*bytes),
                if *files == 1 { "it" } else { "them" },
                crate::format::gigabytes(*needed),
                crate::format::gigabytes(*limit),
            ),
            ErrorKind::TruthMismatch { row, files, lines, values } => write!(
                f,
                "the two files disagree on the true label of data row {}: \"{}\" line {} says \"{}\", \"{}\" line {} says \"{}\". Both files must list the same examples in the same order",
                crate::format::count(*row),
                excerpt(&files[0], MAX_QUOTED_CHARS),
                crate::format::count(lines[0]),
                excerpt(&values[0], MAX_QUOTED_CHARS),
                excerpt(&files[1], MAX_QUOTED_CHARS),
                crate::format::count(lines[1]),
                excerpt(&values[1], MAX_QUOTED_CHARS),
            ),
        }
    }
}

impl std::error::Error for Error {}

/// The words a user sees for a count's short name.
pub fn count_label(field: &str) -> &'static str {
    match field {
        "tp" => "True positives",
        "fn" => "False negatives",
        "fp" => "False positives",
        "tn" => "True negatives",
        _ => "Count",
    }
}
