//! Splits a byte stream into CSV records with `csv-core`, chunk by chunk.
//!
//! Feeding the input whole or one byte at a time yields the same records
//! with the same line numbers. Quoted fields may hold delimiters, quotes
//! (doubled) and newlines; CRLF, LF and CR all end a record; blank lines are
//! skipped (csv-core's behaviour).

use crate::error::Error;
use csv_core::{ReadRecordResult, Reader, ReaderBuilder};

/// One record: its line number and its fields as raw bytes.
pub struct Record<'a> {
    /// The line (1-based, counting every line of the file) the record starts on.
    pub line: u64,
    buf: &'a [u8],
    ends: &'a [usize],
}

impl<'a> Record<'a> {
    /// Number of fields.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether the record has no fields (never produced; for clippy's sake).
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Field `i` (0-based) as raw bytes.
    pub fn field(&self, i: usize) -> &'a [u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.buf[start..self.ends[i]]
    }
}

/// A streaming record splitter.
pub struct RecordSplitter {
    reader: Reader,
    out: Vec<u8>,
    out_len: usize,
    ends: Vec<usize>,
    ends_len: usize,
    finished: bool,
}

impl RecordSplitter {
    /// A splitter for `delimiter` with `"` as the quote character.
    pub fn new(delimiter: u8) -> Self {
        RecordSplitter {
            reader: ReaderBuilder::new().delimiter(delimiter).build(),
            out: vec![0; 4096],
            out_len: 0,
            ends: vec![0; 16],
            ends_len: 0,
            finished: false,
        }
    }

    /// Feeds a chunk; calls `on_record` for every record completed by it.
    /// An empty chunk means end of input (use [`RecordSplitter::finish`]).
    pub fn feed(
        &mut self,
        mut input: &[u8],
        on_record: &mut dyn FnMut(Record) -> Result<(), Error>,
    ) -> Result<(), Error> {
        if self.finished {
            return Ok(());
        }
        let at_end = input.is_empty();
        loop {
            // csv-core reads an empty input as end of file: only pass one
            // when the caller has said so.
            if input.is_empty() && !at_end {
                return Ok(());
            }
            let (result, nin, nout, nend) = self.reader.read_record(
                input,
                &mut self.out[self.out_len..],
                &mut self.ends[self.ends_len..],
            );
            let last_byte = if nin > 0 { Some(input[nin - 1]) } else { None };
            input = &input[nin..];
            self.out_len += nout;
            self.ends_len += nend;
            match result {
                ReadRecordResult::InputEmpty => {
                    if at_end {
                        continue;
                    }
                    return Ok(());
                }
                ReadRecordResult::OutputFull => {
                    let len = self.out.len() * 2;
                    self.out.resize(len, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    let len = self.ends.len() * 2;
                    self.ends.resize(len, 0);
                }
                ReadRecordResult::Record => {
                    // csv-core counts '\n' bytes consumed. A record ended by
                    // '\n' has consumed it already; its last line is one less.
                    let end_line = self.reader.line() - u64::from(last_byte == Some(b'\n'));
                    let buf = &self.out[..self.out_len];
                    // Quoted fields may span lines: start = end − embedded newlines.
                    let embedded = buf.iter().filter(|&&b| b == b'\n').count() as u64;
                    let record = Record {
                        line: end_line - embedded,
                        buf,
                        ends: &self.ends[..self.ends_len],
                    };
                    let outcome = on_record(record);
                    self.out_len = 0;
                    self.ends_len = 0;
                    outcome?;
                }
                ReadRecordResult::End => {
                    self.finished = true;
                    return Ok(());
                }
            }
        }
    }

    /// Signals end of input, flushing a last record without a trailing newline.
    pub fn finish(
        &mut self,
        on_record: &mut dyn FnMut(Record) -> Result<(), Error>,
    ) -> Result<(), Error> {
        self.feed(&[], on_record)
    }
}
