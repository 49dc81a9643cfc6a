//! The one error type of fitcheck. Every error reads as a sentence a user can
//! act on; errors about a place in the input carry that place.

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
    /// Wraps a kind.
    pub fn new(kind: ErrorKind) -> Self {
        Error { kind }
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The input field the error belongs to, so a page can show the message
    /// next to it (`tp`, `fn`, `fp`, `tn`, `beta`, ...).
    pub fn field(&self) -> Option<&'static str> {
        match &self.kind {
            ErrorKind::InvalidCount { field, .. } => Some(field),
            ErrorKind::InvalidOption { option, .. } => Some(option),
            ErrorKind::NoExamples => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::InvalidCount { field, problem } => {
                write!(f, "{}: {}", crate::counts::count_label(field), problem)
            }
            ErrorKind::NoExamples => write!(
                f,
                "all four counts are zero: enter at least one example to measure"
            ),
            ErrorKind::InvalidOption { option, problem } => write!(f, "{option}: {problem}"),
        }
    }
}

impl std::error::Error for Error {}
