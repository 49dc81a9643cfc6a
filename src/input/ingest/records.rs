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
    /// True when a quoted field was still open at the end of the input, so
    /// the rest of the file was read into it.
    pub unterminated: bool,
    buf: &'a [u8],
    ends: &'a [usize],
}

impl<'a> Record<'a> {
    /// The first field (0-based) holding a line break, if any.
    pub fn field_with_break(&self) -> Option<usize> {
        (0..self.len()).find(|&i| self.field(i).iter().any(|&b| b == b'\n' || b == b'\r'))
    }

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
    /// Line breaks consumed so far; CRLF, LF and a lone CR each count once,
    /// whatever mix of them a file uses (csv-core's own count sees only LF,
    /// so a lone CR anywhere would shift every later line number).
    breaks: u64,
    /// The last byte consumed was a CR (a following LF belongs to it).
    after_cr: bool,
    /// Quote characters fed so far; odd at the end means one never closed.
    quotes: u64,
}

impl RecordSplitter {
    /// A splitter for `delimiter` with `"` as the quote character. Lines
    /// may end in LF, CRLF or a lone CR, mixed in any way.
    pub fn new(delimiter: u8) -> Self {
        RecordSplitter {
            reader: ReaderBuilder::new().delimiter(delimiter).build(),
            out: vec![0; 4096],
            out_len: 0,
            ends: vec![0; 16],
            ends_len: 0,
            finished: false,
            breaks: 0,
            after_cr: false,
            quotes: 0,
        }
    }

    /// Counts line breaks (CR, LF, CRLF) in bytes the parser consumed.
    fn account(&mut self, consumed: &[u8]) {
        if consumed.is_empty() {
            return;
        }
        for pos in memchr::memchr2_iter(b'\n', b'\r', consumed) {
            let follows_cr = if pos == 0 {
                self.after_cr
            } else {
                consumed[pos - 1] == b'\r'
            };
            if consumed[pos] == b'\r' || !follows_cr {
                self.breaks += 1;
            }
        }
        self.after_cr = consumed[consumed.len() - 1] == b'\r';
    }

    /// Feeds a chunk; calls `on_record` for every record completed by it.
    /// An empty chunk is simply nothing to read; the end of input is
    /// signalled by [`RecordSplitter::finish`].
    pub fn feed(
        &mut self,
        input: &[u8],
        on_record: &mut dyn FnMut(Record) -> Result<(), Error>,
    ) -> Result<(), Error> {
        if input.is_empty() {
            return Ok(());
        }
        self.quotes += memchr::memchr_iter(b'"', input).count() as u64;
        self.read(input, false, on_record)
    }

    /// Signals end of input, flushing a last record without a trailing newline.
    /// A quoted field still open at the end is an error at the line it opened.
    pub fn finish(
        &mut self,
        on_record: &mut dyn FnMut(Record) -> Result<(), Error>,
    ) -> Result<(), Error> {
        self.read(&[], true, on_record)
    }

    fn read(
        &mut self,
        mut input: &[u8],
        at_end: bool,
        on_record: &mut dyn FnMut(Record) -> Result<(), Error>,
    ) -> Result<(), Error> {
        if self.finished {
            return Ok(());
        }
        loop {
            // csv-core reads an empty input as end of file: pass one only at the end.
            if input.is_empty() && !at_end {
                return Ok(());
            }
            let (result, nin, nout, nend) = self.reader.read_record(
                input,
                &mut self.out[self.out_len..],
                &mut self.ends[self.ends_len..],
            );
            self.account(&input[..nin]);
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
                    // A record ended by a line break has consumed it: it sits
                    // on the line that break closes. One ended by the end of
                    // input sits on the line after the last break.
                    let ended_by_break = matches!(last_byte, Some(b'\n') | Some(b'\r'));
                    let end_line = self.breaks + u64::from(!ended_by_break);
                    let buf = &self.out[..self.out_len];
                    // Quoted fields may span lines: start = end − breaks inside.
                    let inside = memchr::memchr2_iter(b'\n', b'\r', buf)
                        .filter(|&p| buf[p] == b'\r' || p == 0 || buf[p - 1] != b'\r')
                        .count() as u64;
                    let line = end_line - inside.min(end_line - 1);
                    let unterminated = at_end && inside > 0 && self.quotes % 2 == 1;
                    let record = Record {
                        line,
                        unterminated,
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
}
