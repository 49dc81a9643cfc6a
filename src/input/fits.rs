//! Whether a file can be read in the page at all, decided from its size
//! before a byte is read: the page's wasm32 memory is one address space of
//! at most 4 GiB, and a read that outgrows it ends in an out-of-memory trap
//! the user cannot act on. [`check_fits`] refuses such a file with a
//! sentence that names the command-line tool, which has no such limit.
//!
//! The estimate is the reader's peak memory per byte of input, measured on
//! the native binary (`/usr/bin/time -f %M`, peak resident memory, less the
//! 4 MB of an empty run) with the shortest rows a real file has, where the
//! ratio is highest; the data structures are the same on wasm32 (columns of
//! `u32` and `f64`, 16-byte row hashes). Measured on 2 December 2026 with
//! 10 million rows per file (`--json` off, so the report text is small):
//!
//! | reader | file (bytes per row) | peak | per byte | used |
//! | --- | --- | --- | --- | --- |
//! | predictions, labels | `1,0` (4) | 82 MB for 40 MB | 1.96 | 2.5 |
//! | predictions, scores | `1,0.734251` (11) | 145 MB for 110 MB | 1.27 | 2.5 |
//! | comparison, labels | `1,0,1` (6) | 239 MB for 60 MB | 3.9 | 6 |
//! | comparison, scores | `1,0.734,0.291` (14) | 717 MB for 140 MB | 5.1 | 6 |
//! | leakage | `1234567,1` (10) | 192 MB for 109 MB | 1.73 (17 bytes a row: 4 at the shortest rows) | 5 |
//! | training log, CSV | `12345,0.0123` (13; 5M points) | 520 MB for 88 MB | 5.9 | 8 |
//! | training log, HF JSON | `{"step":…,"loss":…}` (33) | 313 MB for 84 MB | 3.7 | 8 |
//!
//! "Used" rounds up and adds what the page does and the command line does
//! not: a training log is gathered whole in a growing buffer (up to twice
//! the file while it grows). The page's budget, [`PAGE_MEMORY_BYTES`], leaves
//! about half a gigabyte of the 4 GiB for the module, the JavaScript side
//! and fragmentation.
//!
//! ```
//! use fitcheck::input::fits::{check_fits, Reader};
//! assert!(check_fits(1_000_000_000, Reader::Predictions).is_ok());
//! let err = check_fits(6_200_000_000, Reader::Predictions).unwrap_err();
//! assert_eq!(err.kind_id(), "too_large");
//! ```

use crate::error::{Error, ErrorKind};

/// Memory the page may use for one read: wasm32's 4 GiB address space less
/// about half a gigabyte (module, JavaScript, fragmentation).
pub const PAGE_MEMORY_BYTES: u64 = 3_500_000_000;

/// Which reader a file goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// A predictions or scores file (the file mode).
    Predictions,
    /// A comparison: one file with two model columns, or two files.
    Comparison,
    /// A training CSV and a test CSV, for the leakage check.
    Leakage,
    /// One or more training logs.
    TrainingLog,
}

impl Reader {
    /// Reads `predictions`, `comparison`, `leakage` or `training`.
    pub fn parse(text: &str) -> Option<Reader> {
        match text {
            "predictions" => Some(Reader::Predictions),
            "comparison" => Some(Reader::Comparison),
            "leakage" => Some(Reader::Leakage),
            "training" => Some(Reader::TrainingLog),
            _ => None,
        }
    }

    /// Peak memory per byte of input, in tenths (see the module's table).
    fn tenths_per_byte(self) -> u64 {
        match self {
            Reader::Predictions => 25,
            Reader::Comparison => 60,
            Reader::Leakage => 50,
            Reader::TrainingLog => 80,
        }
    }

    /// The command that reads such files without the page's limit.
    pub fn command(self) -> &'static str {
        match self {
            Reader::Predictions => "fitcheck report FILE",
            Reader::Comparison => "fitcheck compare FILE (or BEFORE AFTER)",
            Reader::Leakage => "fitcheck leakage TRAIN TEST",
            Reader::TrainingLog => "fitcheck training LOG",
        }
    }
}

/// The estimated peak memory of reading `file_bytes` (all the files of one
/// read together) with `reader`.
pub fn memory_needed(file_bytes: u64, reader: Reader) -> u64 {
    file_bytes.saturating_mul(reader.tenths_per_byte()) / 10
}

/// Refuses a read whose estimated memory exceeds [`PAGE_MEMORY_BYTES`]:
/// an [`ErrorKind::TooLarge`] naming the size, the need, the limit and the
/// command to use instead. `file_bytes` is the size of every file of the
/// read together (the page knows it from `File.size` before reading).
pub fn check_fits(file_bytes: u64, reader: Reader) -> Result<(), Error> {
    check_files_fit(&[file_bytes], reader)
}

/// [`check_fits`] for a read of several files (a comparison's two, a
/// leakage check's training and test files, several logs): they are in
/// memory together, so their sizes add up.
pub fn check_files_fit(sizes: &[u64], reader: Reader) -> Result<(), Error> {
    check_fits_within(sizes, reader, PAGE_MEMORY_BYTES)
}

/// [`check_files_fit`] with another budget (for tests).
pub fn check_fits_within(sizes: &[u64], reader: Reader, limit: u64) -> Result<(), Error> {
    let file_bytes = sizes.iter().fold(0u64, |a, &b| a.saturating_add(b));
    let needed = memory_needed(file_bytes, reader);
    if needed <= limit {
        return Ok(());
    }
    Err(Error::new(ErrorKind::TooLarge {
        bytes: file_bytes,
        files: sizes.len(),
        needed,
        limit,
        command: reader.command(),
    }))
}
