//! The reader's own loop over the fast path's plain lines
//! ([`LineSink::take_lines`]): once the columns are decided, whole lines
//! without quotes are split and read here, one after another, instead of
//! coming one [`Record`] at a time through a call behind a pointer. Every
//! step is the one a record takes ([`Ingest`]'s `on_record`, `on_data`,
//! `on_fields`: blank lines skipped, a repeated header noted, every field
//! checked, errors with their line), on fields found by the same rule
//! (split at each delimiter byte, the CR of CRLF dropped; a `label,score`
//! line is read whole only when the delimiter cannot be part of a number,
//! not a digit or `.`), so the columns,
//! notes and errors are those of one record at a time; `tests/fast_path.rs`
//! compares them with csv-core reading every byte.
//!
//! Measured with `cargo bench --bench file_report` on 10M `y_true,score`
//! rows: see the commit that brought this file.

use super::codes::ClassCodes;
use super::line_cache::LineKey;
use super::records::{LineSink, Record};
use super::score_text::decimal_ending_line;
use super::{Fields, Ingest};
use crate::error::Error;

/// Most fields a line read here may have; a line with more (a file of many
/// columns, or a bad row) is left to the record path, which counts them.
const MAX_FIELDS: usize = 8;

/// The fields of one plain line: the bytes between delimiters.
struct PlainFields<'a> {
    line: &'a [u8],
    /// The end of each field; field `i + 1` starts one byte after field `i` ends.
    ends: &'a [usize],
}

impl Fields for PlainFields<'_> {
    #[inline(always)]
    fn count(&self) -> usize {
        self.ends.len()
    }
    #[inline(always)]
    fn get(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] + 1 };
        &self.line[start..self.ends[i]]
    }
}

/// The layouts whose lines are read whole, without a list of fields first.
#[derive(Clone, Copy)]
enum Shape {
    /// `truth,score`: two columns, the true label first.
    LabelScore,
    /// `truth,pred` (or `pred,truth`): two columns of labels.
    TwoLabels { pred_first: bool },
    /// Anything else: split into fields, then read.
    Fields,
}

/// A label that trimming leaves as it is (and not empty): what the
/// whole-line readers take; anything else is read by its fields.
#[inline(always)]
fn untrimmed(label: &[u8]) -> bool {
    match (label.first(), label.last()) {
        (Some(a), Some(b)) => !a.is_ascii_whitespace() && !b.is_ascii_whitespace(),
        _ => false,
    }
}

impl Ingest {
    /// This reader's layout (columns decided).
    fn shape(&self) -> Shape {
        let Some(r) = self.resolved else {
            return Shape::Fields;
        };
        if self.columns.len() != 2 || r.second.is_some() {
            return Shape::Fields;
        }
        match (r.truth, r.pred, r.score) {
            // The score is read up to the line end as digits and a point,
            // so a delimiter that can be one of them stays with the fields.
            (0, None, Some(1)) if !self.delimiter.is_ascii_digit() && self.delimiter != b'.' => {
                Shape::LabelScore
            }
            (t, Some(p), None) if t != p => Shape::TwoLabels { pred_first: p == 0 },
            _ => Shape::Fields,
        }
    }

    /// The line at the start of `rest` read whole if it is
    /// `label<delimiter>score` with a known label, no spaces around either,
    /// and a score [`decimal_ending_line`] reads: the row is added as
    /// `on_data` would add it, and the bytes taken (line end included) are
    /// returned. `None` (nothing changed) for any other line: a new label,
    /// a header's first name or longer (maybe the header again), spaces,
    /// another field, another way of writing the score, an error.
    #[inline(always)]
    fn label_score_line(&mut self, rest: &[u8], line: u64) -> Option<usize> {
        let delimiter = self.delimiter;
        let cut = rest.iter().position(|&b| b == delimiter || b == b'\n')?;
        let label = &rest[..cut];
        if rest[cut] != delimiter || !untrimmed(label) {
            return None;
        }
        let (score, taken) = decimal_ending_line(&rest[cut + 1..])?;
        let taken = cut + 1 + taken;
        if self.header_first_is(label) && self.repeats_header(&rest[..taken], cut) {
            return None;
        }
        let code = self.table.find(label)?;
        self.truth.push(code);
        self.score.push(score);
        self.count_rows(line, 1);
        Some(taken)
    }

    /// [`Ingest::label_score_line`] for two columns of labels (the truth
    /// first, or the predictions first when `pred_first`), for a line the
    /// [`LineCache`](super::line_cache::LineCache) does not hold
    /// ([`Ingest::remembered_lines`] reads those): read through
    /// [`Ingest::two_labels_codes`], and stored there if it passes.
    #[inline(always)]
    fn two_labels_line(&mut self, rest: &[u8], line: u64, pred_first: bool) -> Option<usize> {
        let (truth, pred, taken) = self.two_labels_codes(rest, pred_first)?;
        if let Some((key, _)) = LineKey::of(rest) {
            self.line_cache.insert(key, truth, pred);
        }
        self.truth.push(truth);
        self.pred.push(pred);
        self.count_rows(line, 1);
        Some(taken)
    }

    /// Reads the lines at the start of `rest` that the [`LineCache`] holds,
    /// up to the first it does not: their rows added as
    /// [`Ingest::two_labels_line`] adds each. Returns the rows added and
    /// the bytes they took. One loop with both columns' vectors at hand
    /// when both are narrow, as they almost always are.
    ///
    /// [`LineCache`]: super::line_cache::LineCache
    #[inline(always)]
    fn remembered_lines(&mut self, rest: &[u8], line: u64) -> (u64, usize) {
        let (mut rows, mut pos) = (0u64, 0usize);
        let cache = &self.line_cache;
        if let (ClassCodes::Narrow(truth), ClassCodes::Narrow(pred)) =
            (&mut self.truth, &mut self.pred)
        {
            while let Some((key, taken)) = LineKey::of(&rest[pos..]) {
                match cache.get(key) {
                    // A narrow column never received a code past 255.
                    Some((t, p)) if t <= 255 && p <= 255 => {
                        truth.push(t as u8);
                        pred.push(p as u8);
                    }
                    _ => break,
                }
                pos += taken;
                rows += 1;
            }
        } else {
            while let Some((key, taken)) = LineKey::of(&rest[pos..]) {
                let Some((t, p)) = cache.get(key) else { break };
                self.truth.push(t);
                self.pred.push(p);
                pos += taken;
                rows += 1;
            }
        }
        self.count_rows(line, rows);
        (rows, pos)
    }

    /// Counts `n` rows just added to the columns from lines `line..line + n`
    /// (each a record and a row, on consecutive lines).
    #[inline(always)]
    fn count_rows(&mut self, line: u64, n: u64) {
        self.lines.record_run(self.rows, line, n);
        self.rows += n;
        self.records_seen += n;
    }

    /// The codes (truth, prediction) of the line at the start of `rest`
    /// and the bytes it takes (line end included), if it is two known
    /// labels with no spaces around either and not the header again;
    /// `None` for any other line. Reads only the line's bytes and state
    /// fixed once the columns are decided, which the [`LineCache`](super::line_cache::LineCache) relies on.
    #[inline(always)]
    fn two_labels_codes(&self, rest: &[u8], pred_first: bool) -> Option<(u32, u32, usize)> {
        let delimiter = self.delimiter;
        let cut = rest.iter().position(|&b| b == delimiter || b == b'\n')?;
        if rest[cut] != delimiter {
            return None;
        }
        let lf = cut
            + 1
            + rest[cut + 1..]
                .iter()
                .position(|&b| b == delimiter || b == b'\n')?;
        if rest[lf] != b'\n' {
            return None; // a third field
        }
        let end = if rest[lf - 1] == b'\r' { lf - 1 } else { lf };
        let (first, second) = (&rest[..cut], &rest[cut + 1..end]);
        if !untrimmed(first) || !untrimmed(second) {
            return None;
        }
        if self.header_first_is(first) && self.repeats_header(&rest[..=lf], cut) {
            return None;
        }
        let (a, b) = (self.table.find(first)?, self.table.find(second)?);
        let (truth, pred) = if pred_first { (b, a) } else { (a, b) };
        Some((truth, pred, lf + 1))
    }

    /// Whether an untrimmed first field is the header's first name: a
    /// line read whole can be the header again only then (on_data's test,
    /// `len >= header_first_len`, is for fields that trimming may shorten).
    #[inline(always)]
    fn header_first_is(&self, field: &[u8]) -> bool {
        field.len() == self.header_first_len
            && self
                .header_fields
                .as_ref()
                .and_then(|h| h.first())
                .is_some_and(|name| name.as_slice() == field)
    }

    /// Whether a two-field line (its bytes up to and with its line end; the
    /// delimiter at `cut`) is the header again.
    #[cold]
    #[inline(never)]
    fn repeats_header(&self, line: &[u8], cut: usize) -> bool {
        let mut end = line.len() - 1;
        if end > cut + 1 && line[end - 1] == b'\r' {
            end -= 1;
        }
        let ends = [cut, end];
        self.is_repeated_header(&PlainFields {
            line: &line[..end],
            ends: &ends,
        })
    }
}

impl LineSink for Ingest {
    fn record(&mut self, record: Record) -> Result<(), Error> {
        self.on_record(record)
    }

    fn take_lines(&mut self, lines: &[u8], first_line: u64) -> Result<(usize, u64), Error> {
        // Before the columns are decided, records decide them.
        if self.resolved.is_none() || self.columns.len() > MAX_FIELDS {
            return Ok((0, 0));
        }
        let delimiter = self.delimiter;
        let shape = self.shape();
        let mut pos = 0usize;
        let mut line = first_line;
        let mut ends = [0usize; MAX_FIELDS];
        while pos < lines.len() {
            let rest = &lines[pos..];
            let whole = match shape {
                Shape::LabelScore => self.label_score_line(rest, line),
                Shape::TwoLabels { pred_first } => match self.remembered_lines(rest, line) {
                    (0, _) => self.two_labels_line(rest, line, pred_first),
                    (rows, taken) => {
                        pos += taken;
                        line += rows;
                        continue;
                    }
                },
                Shape::Fields => None,
            };
            if let Some(taken) = whole {
                pos += taken;
                line += 1;
                continue;
            }
            // Field ends and the line end in one scan; too many fields:
            // left to the record path.
            let mut count = 0usize;
            let mut lf = None;
            for (i, &b) in rest.iter().enumerate() {
                if b == b'\n' {
                    lf = Some(i);
                    break;
                }
                if b == delimiter {
                    if count == MAX_FIELDS - 1 {
                        return Ok((pos, line - first_line));
                    }
                    ends[count] = i;
                    count += 1;
                }
            }
            let lf = lf.expect("every line given ends in LF");
            let mut len = lf;
            if len > 0 && rest[len - 1] == b'\r' {
                len -= 1; // the CR of CRLF (lone CRs never come here)
            }
            let number = line;
            pos += lf + 1;
            line += 1;
            if len == 0 {
                continue; // csv-core skips blank lines
            }
            // A delimiter in a CRLF line's last place ends a field before the CR.
            ends[count] = len;
            let fields = PlainFields {
                line: &rest[..len],
                ends: &ends[..=count],
            };
            // A line of spaces is a blank line, as an empty one is (on_record).
            if count == 0 && fields.get(0).trim_ascii().is_empty() {
                continue;
            }
            self.records_seen += 1;
            self.on_data(number, &fields)?;
        }
        Ok((pos, line - first_line))
    }
}
