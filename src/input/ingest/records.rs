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
    /// Lone CRs (not followed by LF) consumed so far. CRLF, LF and a lone CR
    /// each end one line, in any mix: csv-core counts the LF bytes, and the
    /// lone CRs are added here (without them every line after an old-Mac
    /// line end would be numbered too low).
    lone_crs: u64,
    /// Positions in the current chunk of its lone CRs, found with one
    /// memchr pass per chunk, so the hot loop does no per-byte work: in LF
    /// and CRLF files the list is empty.
    cr_positions: Vec<usize>,
    /// How many of `cr_positions` are counted in `lone_crs` already.
    cr_counted: usize,
    /// The last chunk ended in a CR: lone unless the next chunk starts with LF.
    cr_at_chunk_end: bool,
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
            lone_crs: 0,
            cr_positions: Vec::new(),
            cr_counted: 0,
            cr_at_chunk_end: false,
            quotes: 0,
        }
    }

    /// Finds the lone CRs of a new chunk (after counting the last chunk's).
    fn find_lone_crs(&mut self, input: &[u8]) {
        self.lone_crs += (self.cr_positions.len() - self.cr_counted) as u64;
        self.cr_positions.clear();
        self.cr_counted = 0;
        if std::mem::take(&mut self.cr_at_chunk_end) && input.first() != Some(&b'\n') {
            self.lone_crs += 1;
        }
        for pos in memchr::memchr_iter(b'\r', input) {
            match input.get(pos + 1) {
                Some(b'\n') => {}
                Some(_) => self.cr_positions.push(pos),
                None => self.cr_at_chunk_end = true,
            }
        }
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
        self.find_lone_crs(input);
        self.read(input, false, on_record)
    }

    /// Signals end of input, flushing a last record without a trailing newline.
    /// A quoted field still open at the end is an error at the line it opened.
    pub fn finish(
        &mut self,
        on_record: &mut dyn FnMut(Record) -> Result<(), Error>,
    ) -> Result<(), Error> {
        // Count the last chunk's lone CRs (a record may still be open).
        self.find_lone_crs(&[]);
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
        let mut offset = 0usize;
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
            offset += nin;
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
                    // Lone CRs consumed up to here, except one that ended
                    // this record (as an LF that ended it is not counted).
                    let mut own_cr = false;
                    if self.cr_counted < self.cr_positions.len() {
                        while self.cr_counted < self.cr_positions.len()
                            && self.cr_positions[self.cr_counted] < offset
                        {
                            self.cr_counted += 1;
                            self.lone_crs += 1;
                        }
                        own_cr = last_byte == Some(b'\r')
                            && self.cr_counted > 0
                            && self.cr_positions[self.cr_counted - 1] + 1 == offset;
                    }
                    // csv-core counts LF bytes from line 1: one that ended
                    // this record is counted already (a CR of CRLF is not).
                    let end_line = self.reader.line() - u64::from(last_byte == Some(b'\n'))
                        + self.lone_crs
                        - u64::from(own_cr);
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
