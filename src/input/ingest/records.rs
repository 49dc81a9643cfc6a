//! Splits a byte stream into CSV records with `csv-core`, chunk by chunk.
//!
//! Feeding the input whole or one byte at a time yields the same records
//! with the same line numbers. Quoted fields may hold delimiters, quotes
//! (doubled) and newlines; CRLF, LF and CR all end a record; blank lines are
//! skipped (csv-core's behaviour).
//!
//! Fast path: between records, the lines up to the next quote or lone CR
//! are split in place (memchr for line ends, a byte scan for delimiters)
//! instead of through csv-core's state machine, which copies every byte.
//! Without quotes csv-core's rules reduce to exactly this: a line is a
//! record, its fields are the bytes between delimiters, CRLF and LF end it,
//! an empty line is skipped. From the line holding a quote or a lone CR on,
//! csv-core reads again, until a record of its own ends at a line end. The
//! first record (csv-core strips a BOM there) always goes through csv-core.
//! Records and line numbers are the same either way; [`RecordSplitter::csv_core_only`]
//! turns the fast path off so tests can compare the two.

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
    /// Bytes between one field's end and the next field's start: 0 in
    /// csv-core's output, 1 (the delimiter) in a line split in place.
    gap: usize,
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
        let start = if i == 0 {
            0
        } else {
            self.ends[i - 1] + self.gap
        };
        &self.buf[start..self.ends[i]]
    }
}

/// Where a splitter's records go. Besides one [`Record`] at a time, a sink
/// may take whole lines of the fast path at once ([`LineSink::take_lines`]),
/// splitting and reading them in its own loop: no call per record.
pub trait LineSink {
    /// One record.
    fn record(&mut self, record: Record) -> Result<(), Error>;

    /// Reads whole lines from the start of `lines` as the records they
    /// split into would be read: every line ends in LF, holds neither a
    /// quote nor a lone CR (a CR before its LF is the CR of CRLF), and is
    /// split at each delimiter byte; an empty line is no record; the first
    /// is line `first_line` of the file. Returns the bytes taken (up to
    /// just after an LF) and their lines; `(0, 0)` hands the next line to
    /// [`LineSink::record`] instead. By default it takes none.
    fn take_lines(&mut self, lines: &[u8], first_line: u64) -> Result<(usize, u64), Error> {
        let _ = (lines, first_line);
        Ok((0, 0))
    }
}

/// A closure as a [`LineSink`] that takes records one at a time.
struct EachRecord<'f>(&'f mut dyn FnMut(Record) -> Result<(), Error>);

impl LineSink for EachRecord<'_> {
    fn record(&mut self, record: Record) -> Result<(), Error> {
        (self.0)(record)
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
    /// The delimiter (the fast path splits fields on it).
    delimiter: u8,
    /// Whether lines without quotes may be split in place (see the module doc).
    fast: bool,
    /// csv-core stands between records: the next line may take the fast path.
    at_start: bool,
    /// Field ends of the line being split in place.
    line_ends: Vec<usize>,
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
            delimiter,
            // A quote or line break as delimiter is csv-core's business alone.
            fast: !matches!(delimiter, b'"' | b'\n' | b'\r'),
            // The first record goes through csv-core (which strips a BOM there).
            at_start: false,
            line_ends: Vec::new(),
        }
    }

    /// Reads every byte with csv-core, without the fast path: the reference
    /// the fast path is tested against. Records and lines are the same.
    pub fn csv_core_only(mut self) -> Self {
        self.fast = false;
        self
    }

    /// This splitter for a part of a file that starts at a line start after
    /// its first line (reading a file in parts, see `super::parts`): lines
    /// are numbered from 1 within the part (the caller adds the lines before
    /// it) and the first line takes the fast path. csv-core strips a byte
    /// order mark at its first read only, which here would be mid-file, so
    /// it is primed with a blank line first, which it skips.
    pub fn continuing(mut self) -> Self {
        let _ = self
            .reader
            .read_record(b"\n", &mut self.out, &mut self.ends);
        self.reader.set_line(1);
        self.at_start = self.fast;
        self
    }

    /// `false` once a quote or a lone CR has been seen in the bytes fed so
    /// far: the input is then not [`RecordSplitter::plain`], whatever
    /// follows (a CR at the end of the last chunk is not judged yet).
    pub fn may_be_plain(&self) -> bool {
        self.quotes == 0 && self.lone_crs == 0
    }

    /// Whether every byte fed so far was plain, with neither a quote nor a
    /// lone CR: such input splits into the same records wherever it is cut
    /// at a line end. Complete after [`RecordSplitter::finish`].
    pub fn plain(&self) -> bool {
        self.quotes == 0
            && self.lone_crs == 0
            && self.cr_positions.is_empty()
            && !self.cr_at_chunk_end
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
        self.feed_to(input, &mut EachRecord(on_record))
    }

    /// [`RecordSplitter::feed`] into a [`LineSink`], which may take the
    /// fast path's lines in bulk.
    pub fn feed_to(&mut self, input: &[u8], sink: &mut dyn LineSink) -> Result<(), Error> {
        if input.is_empty() {
            return Ok(());
        }
        self.quotes += memchr::memchr_iter(b'"', input).count() as u64;
        self.find_lone_crs(input);
        let mut pos = 0;
        loop {
            if self.at_start {
                pos = self.read_in_place(input, pos, sink)?;
            }
            if pos == input.len() {
                return Ok(());
            }
            pos = self.read(input, pos, false, sink)?;
            if pos == input.len() {
                return Ok(());
            }
        }
    }

    /// The fast path: splits the whole lines of `chunk[pos..]` before the
    /// first quote or lone CR in place, offering them to the sink in bulk
    /// ([`LineSink::take_lines`]) and calling [`LineSink::record`] for each
    /// non-empty one it leaves. Returns where it stopped (after a line
    /// end). Called only between records, so csv-core's state is unchanged
    /// by the lines it skips but its line count, which is moved on by their LFs.
    fn read_in_place(
        &mut self,
        chunk: &[u8],
        pos: usize,
        sink: &mut dyn LineSink,
    ) -> Result<usize, Error> {
        let rest = &chunk[pos..];
        let quote = memchr::memchr(b'"', rest).map_or(chunk.len(), |q| pos + q);
        let cr = self.cr_positions[self.cr_counted..]
            .iter()
            .find(|&&c| c >= pos)
            .map_or(chunk.len(), |&c| c);
        let region = &chunk[pos..quote.min(cr)];
        let Some(last) = memchr::memrchr(b'\n', region) else {
            return Ok(pos);
        };
        let region = &region[..=last];
        // Every lone CR before `pos` has been counted (a record ended after it).
        let first_line = self.reader.line() + self.lone_crs;
        let delimiter = self.delimiter;
        let mut start = 0usize;
        let mut lfs = 0u64;
        let mut outcome = Ok(());
        while start < region.len() {
            match sink.take_lines(&region[start..], first_line + lfs) {
                Ok((bytes, lines)) => {
                    start += bytes;
                    lfs += lines;
                }
                Err(e) => {
                    outcome = Err(e);
                    break;
                }
            }
            let Some(end) = memchr::memchr(b'\n', &region[start..]).map(|e| start + e) else {
                break; // the sink took every line
            };
            let mut line = &region[start..end];
            let number = first_line + lfs;
            lfs += 1;
            start = end + 1;
            // A CR here is the CR of CRLF (lone ones stopped the region).
            if let [init @ .., b'\r'] = line {
                line = init;
            }
            if line.is_empty() {
                continue; // csv-core skips blank lines
            }
            self.line_ends.clear();
            for (i, &b) in line.iter().enumerate() {
                if b == delimiter {
                    self.line_ends.push(i);
                }
            }
            self.line_ends.push(line.len());
            outcome = sink.record(Record {
                line: number,
                unterminated: false,
                buf: line,
                ends: &self.line_ends,
                gap: 1,
            });
            if outcome.is_err() {
                break;
            }
        }
        self.reader.set_line(self.reader.line() + lfs);
        outcome.map(|()| pos + start)
    }

    /// Signals end of input, flushing a last record without a trailing newline.
    /// A quoted field still open at the end is an error at the line it opened.
    pub fn finish(
        &mut self,
        on_record: &mut dyn FnMut(Record) -> Result<(), Error>,
    ) -> Result<(), Error> {
        self.finish_to(&mut EachRecord(on_record))
    }

    /// [`RecordSplitter::finish`] into a [`LineSink`].
    pub fn finish_to(&mut self, sink: &mut dyn LineSink) -> Result<(), Error> {
        // Count the last chunk's lone CRs (a record may still be open).
        self.find_lone_crs(&[]);
        self.read(&[], 0, true, sink).map(|_| ())
    }

    /// Reads `chunk[pos..]` with csv-core. Returns where it stopped: the
    /// end of the chunk, or (fast path on) the end of a record that ended
    /// a line, where the fast path may take over.
    fn read(
        &mut self,
        chunk: &[u8],
        pos: usize,
        at_end: bool,
        sink: &mut dyn LineSink,
    ) -> Result<usize, Error> {
        if self.finished {
            return Ok(chunk.len());
        }
        self.at_start = false;
        let mut input = &chunk[pos..];
        let mut offset = pos;
        loop {
            // csv-core reads an empty input as end of file: pass one only at the end.
            if input.is_empty() && !at_end {
                return Ok(offset);
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
                    return Ok(offset);
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
                        gap: 0,
                    };
                    let outcome = sink.record(record);
                    self.out_len = 0;
                    self.ends_len = 0;
                    outcome?;
                    // Between records at a line end: the fast path may go on.
                    // After CRLF csv-core has read the CR only; the LF is
                    // skipped here and counted (csv-core, in its state after
                    // a CR, would discard it as it would at a record start).
                    if self.fast && !at_end {
                        if last_byte == Some(b'\n') {
                            self.at_start = true;
                            return Ok(offset);
                        }
                        if last_byte == Some(b'\r') && input.first() == Some(&b'\n') {
                            self.reader.set_line(self.reader.line() + 1);
                            self.at_start = true;
                            return Ok(offset + 1);
                        }
                    }
                }
                ReadRecordResult::End => {
                    self.finished = true;
                    return Ok(chunk.len());
                }
            }
        }
    }
}
