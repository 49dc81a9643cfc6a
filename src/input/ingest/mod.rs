//! Streaming ingestion of prediction files (CSV) into columns.
//!
//! ```
//! use fitcheck::input::ingest::{Ingest, IngestOptions};
//! let mut ingest = Ingest::new(IngestOptions::new());
//! ingest.push(b"y_true,y_pred\n1,1\n0,").unwrap();
//! ingest.push(b"1\n").unwrap(); // chunks may split anywhere
//! let data = ingest.finish().unwrap();
//! assert_eq!(data.labels, vec!["0", "1"]);
//! assert_eq!(data.rows, 2);
//! ```
//!
//! Feeding a file whole or one byte at a time gives the same [`Dataset`].
//! Rows are checked as they arrive: the wrong number of fields, a score that
//! is not a finite number, an empty label. By default the first bad row is an
//! error with its line and column; with [`IngestOptions::skip_bad_rows`] bad
//! rows are counted, the first few kept with their line numbers, and skipped.

pub mod codes;
pub mod encoding;
pub mod labels;
mod line_cache;
pub mod lines;
#[cfg(not(target_arch = "wasm32"))]
pub mod parts;
#[cfg(not(target_arch = "wasm32"))]
pub mod pieces;
mod plain_rows;
pub mod read_settings;
pub mod records;
pub mod score_text;
pub mod sniff;

pub use read_settings::{parse_delimiter, ReadSettings};

use crate::error::{Error, ErrorKind};
use crate::format::{count, counted, excerpt, MAX_QUOTED_CHARS};
use codes::ClassCodes;
use encoding::{binary_file, digits_hint, not_utf8, overflows, utf16_encoding, utf16_file};
use labels::LabelTable;
use lines::LineMap;
use records::{Record, RecordSplitter};
use serde::Serialize;
use sniff::{detect_delimiter, looks_like_header, role_of, Role};

/// How many skipped rows are kept, with line numbers, to show the user.
pub const SKIPPED_SAMPLES: usize = 5;

/// Default limit on distinct labels: beyond it the column is probably an id.
pub const DEFAULT_MAX_CLASSES: usize = 100;

/// What a binary file should be exported as instead.
const PREDICTIONS: &str = "the predictions as CSV";

/// Characters of a bad cell quoted in its error (the rest cut with "…").
const QUOTED_CELL_CHARS: usize = 40;

/// Bytes gathered before sniffing the delimiter and checking for binary data.
const SNIFF_BYTES: usize = 64 * 1024;

/// A column chosen by the user: by header name or 1-based position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum ColumnRef {
    /// A header name (matched exactly, then case-insensitively).
    Name(String),
    /// A 1-based column number.
    Index(usize),
}

impl ColumnRef {
    /// Parses `3` as a position and anything else as a name.
    pub fn parse(text: &str) -> ColumnRef {
        match text.trim().parse::<usize>() {
            Ok(i) => ColumnRef::Index(i),
            Err(_) => ColumnRef::Name(text.trim().to_string()),
        }
    }
}

/// Options for reading a predictions file, built like csv-core's builders.
#[derive(Debug, Clone, PartialEq)]
pub struct IngestOptions {
    delimiter: Option<u8>,
    has_header: Option<bool>,
    truth: Option<ColumnRef>,
    pred: Option<ColumnRef>,
    score: Option<ColumnRef>,
    skip_bad_rows: bool,
    max_classes: usize,
    expected_bytes: Option<u64>,
    models: Option<Vec<ModelChoice>>,
    fast_path: bool,
}

/// What a model's column holds: predicted labels or scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ModelKind {
    /// Predicted labels, compared with the true labels as they are.
    Label,
    /// Scores, thresholded into labels (binary truth only).
    Score,
}

impl ModelKind {
    /// Reads `score` or `label` (any case); `None` for anything else.
    pub fn parse(text: &str) -> Option<ModelKind> {
        match text.trim().to_ascii_lowercase().as_str() {
            "score" | "scores" => Some(ModelKind::Score),
            "label" | "labels" => Some(ModelKind::Label),
            _ => None,
        }
    }
}

/// One model column of a comparison, each part chosen by the user or
/// detected (see [`IngestOptions::models`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ModelChoice {
    /// The column; detected when `None`.
    pub column: Option<ColumnRef>,
    /// What it holds; detected when `None`.
    pub kind: Option<ModelKind>,
}

impl Default for IngestOptions {
    fn default() -> Self {
        Self::new()
    }
}

impl IngestOptions {
    /// Everything detected automatically; bad rows are errors.
    pub fn new() -> Self {
        IngestOptions {
            delimiter: None,
            has_header: None,
            truth: None,
            pred: None,
            score: None,
            skip_bad_rows: false,
            max_classes: DEFAULT_MAX_CLASSES,
            expected_bytes: None,
            models: None,
            fast_path: true,
        }
    }
    /// Reads every byte with csv-core and every score with std's parser:
    /// the reference that the fast paths (lines without quotes split in
    /// place, scores parsed from bytes) are tested against. The result is
    /// the same either way, errors included; only the speed differs.
    pub fn csv_core_only(mut self) -> Self {
        self.fast_path = false;
        self
    }
    /// Reads the file for a comparison: one or two model columns (in that
    /// order), each with its kind, instead of one predictions or scores
    /// column. A column the user did not choose is the next one that is not
    /// the truth (recognised prediction or score names first). A kind the
    /// user did not choose is [`ModelKind::Score`] when the column is named
    /// like scores (`score`, `prob`…), or when its values in the first
    /// 64 KiB are all numbers and some is not among the true labels there
    /// (a 0–1 probability, a 1–5 grade against 0/1 truth); otherwise
    /// [`ModelKind::Label`]. More than two models are cut to two.
    pub fn models(mut self, models: Vec<ModelChoice>) -> Self {
        let mut models = models;
        models.truncate(2);
        if models.is_empty() {
            models.push(ModelChoice::default());
        }
        self.models = Some(models);
        self.pred = None;
        self.score = None;
        self
    }
    /// The file's total size, if known: columns are then sized once from
    /// the first lines, instead of growing by doubling (which would briefly
    /// need up to twice their memory and copy them on the way).
    pub fn expected_bytes(mut self, total: u64) -> Self {
        self.expected_bytes = Some(total);
        self
    }
    /// Sets the delimiter instead of detecting it.
    pub fn delimiter(mut self, d: u8) -> Self {
        self.delimiter = Some(d);
        self
    }
    /// Says whether the first row is a header instead of guessing.
    pub fn has_header(mut self, yes: bool) -> Self {
        self.has_header = Some(yes);
        self
    }
    /// The column of true labels.
    pub fn truth(mut self, c: ColumnRef) -> Self {
        self.truth = Some(c);
        self
    }
    /// The column of predicted labels (instead of scores).
    pub fn pred(mut self, c: ColumnRef) -> Self {
        self.pred = Some(c);
        self.score = None;
        self
    }
    /// The column of scores (instead of predicted labels).
    pub fn score(mut self, c: ColumnRef) -> Self {
        self.score = Some(c);
        self.pred = None;
        self
    }
    /// Skips bad rows (counting them) instead of stopping at the first.
    pub fn skip_bad_rows(mut self, yes: bool) -> Self {
        self.skip_bad_rows = yes;
        self
    }
    /// Raises or lowers the limit on distinct labels.
    pub fn max_classes(mut self, n: usize) -> Self {
        self.max_classes = n.max(2);
        self
    }
}

/// A row that was skipped, with why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SkippedRow {
    /// Its line in the file.
    pub line: u64,
    /// The error message.
    pub message: String,
}

/// What the reader noticed that is not an error; the report turns each kind
/// into a warning with its own id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    /// The header row appears again inside the file (files joined with `cat`).
    RepeatedHeader,
    /// Some labels differ only by case or spacing.
    SimilarLabels,
}

/// Something the reader noticed and skipped or kept, for the report's warnings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Note {
    /// What was noticed.
    pub kind: NoteKind,
    /// One or two sentences for people.
    pub message: String,
}

/// Which columns were used, by name and 1-based position.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mapping {
    /// The true-label column.
    pub truth: String,
    /// The predicted-label column, if labels were predicted.
    pub pred: Option<String>,
    /// The score column, if scores were given.
    pub score: Option<String>,
    /// True when the columns were guessed from position, not recognised by name.
    pub guessed: bool,
    /// For comparison reads: whether each model's kind (labels or scores)
    /// was detected rather than chosen, in model order.
    pub kinds_guessed: Vec<bool>,
}

/// The second model of a comparison file: its column's name and values.
#[derive(Debug, Clone, PartialEq)]
pub struct SecondModel {
    /// The column's name.
    pub name: String,
    /// Predicted class of each row (labels), as an index into the labels.
    pub pred: Option<ClassCodes>,
    /// Score of each row.
    pub score: Option<Vec<f64>>,
}

/// A file read into columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    /// Class names, sorted as scikit-learn sorts them.
    pub labels: Vec<String>,
    /// Whether labels were compared as numbers.
    pub numeric_labels: bool,
    /// True class of each row, as an index into `labels` (one byte a row
    /// while there are at most 256 classes, see [`codes`]).
    pub truth: ClassCodes,
    /// Predicted class of each row (label files).
    pub pred: Option<ClassCodes>,
    /// Score of each row (score files).
    pub score: Option<Vec<f64>>,
    /// Rows read into the columns.
    pub rows: u64,
    /// Rows skipped as bad.
    pub skipped: u64,
    /// The first few skipped rows.
    pub skipped_samples: Vec<SkippedRow>,
    /// Every column's name (`column N` without a header).
    pub columns: Vec<String>,
    /// The columns used.
    pub mapping: Mapping,
    /// The delimiter used.
    pub delimiter: u8,
    /// Whether the first row was a header.
    pub has_header: bool,
    /// Things the reader noticed that the report should say (the header
    /// repeated mid-file, labels that differ only by case or spacing).
    pub notes: Vec<Note>,
    /// True once [`crate::report::file_report::sort_scores_by_class`] has put each
    /// class's rows together with scores from highest to lowest (row order
    /// carries no meaning for any metric, and sorting in place saves a copy).
    pub scores_by_class: bool,
    /// The second model of a comparison file ([`IngestOptions::models`]).
    pub second: Option<SecondModel>,
    /// The file line of each row (for pointing at rows: the flips of a
    /// comparison, the first row where two files disagree).
    pub lines: LineMap,
}

/// The resolved column positions (0-based).
#[derive(Debug, Clone, Copy)]
struct Resolved {
    truth: usize,
    pred: Option<usize>,
    score: Option<usize>,
    /// The second model's column and kind (comparison reads).
    second: Option<(usize, ModelKind)>,
}

/// The columns of a part of a file once appended to the reader before it,
/// emptied with their memory kept, for the next part to fill
/// ([`Ingest::append_part_keeping`], [`Ingest::continuation_with`]).
#[derive(Debug, Default)]
pub struct SpareColumns {
    truth: ClassCodes,
    pred: ClassCodes,
    score: Vec<f64>,
    pred2: ClassCodes,
    score2: Vec<f64>,
}

/// `column` without its values, its memory kept.
fn emptied<T>(mut column: Vec<T>) -> Vec<T> {
    column.clear();
    column
}

/// `codes` without their values, their memory (and width) kept.
fn emptied_codes(mut codes: ClassCodes) -> ClassCodes {
    codes.clear();
    codes
}

/// Incremental reader: [`Ingest::push`] chunks, then [`Ingest::finish`].
pub struct Ingest {
    options: IngestOptions,
    head: Vec<u8>,
    splitter: Option<RecordSplitter>,
    delimiter: u8,
    bytes_seen: u64,
    first_record: Option<(u64, Vec<Vec<u8>>)>,
    columns: Vec<String>,
    has_header: bool,
    resolved: Option<Resolved>,
    guessed: bool,
    table: LabelTable,
    truth: ClassCodes,
    pred: ClassCodes,
    score: Vec<f64>,
    pred2: ClassCodes,
    score2: Vec<f64>,
    kinds_guessed: Vec<bool>,
    lines: LineMap,
    rows: u64,
    skipped: u64,
    skipped_samples: Vec<SkippedRow>,
    records_seen: u64,
    estimated_rows: usize,
    /// Records 2, 3, … of the first 64 KiB, as trimmed text: what the
    /// columns hold, for deciding whether the first record is a header.
    sample: Vec<Vec<String>>,
    /// The header's fields, trimmed, to spot the header repeated mid-file.
    header_fields: Option<Vec<Vec<u8>>>,
    /// Length of the header's first field (at least 1; `usize::MAX`
    /// without a header): a shorter first field cannot repeat the header.
    header_first_len: usize,
    /// Lines where the header row appeared again (the first few), and how many.
    repeated_header_lines: Vec<u64>,
    repeated_headers: u64,
    /// Whether the file holds any byte after its byte order mark.
    saw_text: bool,
    /// Two-label lines read before, by their bytes (`plain_rows.rs`).
    line_cache: line_cache::LineCache,
}

impl Ingest {
    /// A reader with these options.
    pub fn new(options: IngestOptions) -> Self {
        Ingest {
            options,
            head: Vec::new(),
            splitter: None,
            delimiter: b',',
            bytes_seen: 0,
            first_record: None,
            columns: Vec::new(),
            has_header: false,
            resolved: None,
            guessed: false,
            table: LabelTable::default(),
            truth: ClassCodes::new(),
            pred: ClassCodes::new(),
            score: Vec::new(),
            pred2: ClassCodes::new(),
            score2: Vec::new(),
            kinds_guessed: Vec::new(),
            lines: LineMap::default(),
            rows: 0,
            skipped: 0,
            skipped_samples: Vec::new(),
            records_seen: 0,
            estimated_rows: 0,
            sample: Vec::new(),
            header_fields: None,
            header_first_len: usize::MAX,
            repeated_header_lines: Vec::new(),
            repeated_headers: 0,
            saw_text: false,
            line_cache: line_cache::LineCache::default(),
        }
    }

    /// Rows read so far (for progress).
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Bytes fed so far.
    pub fn bytes(&self) -> u64 {
        self.bytes_seen
    }

    /// Feeds the next chunk of the file.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), Error> {
        self.bytes_seen += chunk.len() as u64;
        if self.splitter.is_none() {
            self.head.extend_from_slice(chunk);
            if self.head.len() < SNIFF_BYTES {
                return Ok(());
            }
            let head = std::mem::take(&mut self.head);
            return self.start(&head);
        }
        let offset = self.bytes_seen - chunk.len() as u64;
        self.feed(chunk, offset)
    }

    /// Ends the input and returns the columns.
    pub fn finish(mut self) -> Result<Dataset, Error> {
        if self.splitter.is_none() {
            let head = std::mem::take(&mut self.head);
            self.start(&head)?;
        }
        let mut splitter = match self.splitter.take() {
            Some(splitter) => splitter,
            None => self.new_splitter(),
        };
        splitter.finish_to(&mut self)?;
        self.end()
    }

    /// Whether the columns are decided (header, delimiter, which column is
    /// which): from the second record on, or at the end of the input.
    pub fn decided(&self) -> bool {
        self.resolved.is_some()
    }

    /// `false` once the bytes pushed so far hold a quote or a lone CR, which
    /// a part of a split read must not (see `parts`); `true` before the fast
    /// line splitter has started too.
    pub fn may_be_plain(&self) -> bool {
        self.splitter.as_ref().is_none_or(|s| s.may_be_plain())
    }

    /// Room for `rows` rows in the columns the decided columns fill.
    fn reserve_columns(&mut self, resolved: &Resolved, rows: usize) {
        self.truth.reserve_exact(rows);
        if resolved.pred.is_some() {
            self.pred.reserve_exact(rows);
        }
        if resolved.score.is_some() {
            self.score.reserve_exact(rows);
        }
        match resolved.second {
            Some((_, ModelKind::Label)) => self.pred2.reserve_exact(rows),
            Some((_, ModelKind::Score)) => self.score2.reserve_exact(rows),
            None => {}
        }
    }

    /// An empty reader for a later part of the same file, starting at a
    /// line start, set up as this decided one is (delimiter, header,
    /// columns), its lines numbered from 1 within the part, with room for
    /// `rows` rows. `None` before the columns are decided or without the
    /// fast path. See `parts`.
    pub fn continuation(&self, rows: usize) -> Option<Ingest> {
        self.continuation_with(rows, SpareColumns::default())
    }

    /// [`Ingest::continuation`] filling `spare`'s columns (emptied by
    /// [`Ingest::append_part_keeping`]) instead of new ones: memory already
    /// written once is not mapped and zeroed again by the system.
    pub fn continuation_with(&self, rows: usize, spare: SpareColumns) -> Option<Ingest> {
        let resolved = self.resolved?;
        if !self.options.fast_path {
            return None;
        }
        let mut part = Ingest::new(self.options.clone());
        part.truth = spare.truth;
        part.pred = spare.pred;
        part.score = spare.score;
        part.pred2 = spare.pred2;
        part.score2 = spare.score2;
        part.splitter = Some(RecordSplitter::new(self.delimiter).continuing());
        part.delimiter = self.delimiter;
        part.columns = self.columns.clone();
        part.has_header = self.has_header;
        part.guessed = self.guessed;
        part.kinds_guessed = self.kinds_guessed.clone();
        part.header_fields = self.header_fields.clone();
        part.header_first_len = self.header_first_len;
        part.saw_text = true;
        part.reserve_columns(&resolved, rows);
        part.resolved = Some(resolved);
        Some(part)
    }

    /// Ends the input of one part of a file (see `parts`): its records are
    /// read, the columns not yet finished (see [`Ingest::append_part`] and
    /// [`Ingest::finish_parts`]). Also says whether the part was plain (no
    /// quote, no lone CR), which a split at line ends needs.
    pub fn finish_part(mut self) -> Result<(Ingest, bool), Error> {
        let Some(mut splitter) = self.splitter.take() else {
            return Ok((self, false));
        };
        splitter.finish_to(&mut self)?;
        let plain = splitter.plain();
        Ok((self, plain))
    }

    /// Appends the rows of `part`, the part of the file that follows the
    /// rows read so far, after `lines` lines of the file: its labels join
    /// this table in their order of first sight, its rows and lines follow
    /// on, as one read of the whole file would have made them. `false`
    /// when that cannot be promised (rows skipped in `part`, whose
    /// messages name part-relative lines; more classes together than the
    /// limit, whose error names the line): this reader is then to be
    /// dropped and the file read in one go.
    #[must_use]
    pub fn append_part(&mut self, part: Ingest, lines: u64) -> bool {
        self.append_part_keeping(part, lines).is_some()
    }

    /// [`Ingest::append_part`], giving back `part`'s columns emptied (their
    /// memory kept) for [`Ingest::continuation_with`]; `None` where
    /// `append_part` says `false`.
    #[must_use]
    pub fn append_part_keeping(&mut self, part: Ingest, lines: u64) -> Option<SpareColumns> {
        let resolved = self.resolved?;
        if part.skipped > 0 {
            return None;
        }
        let limit = self.options.max_classes;
        let map = part
            .table
            .names()
            .iter()
            .map(|name| self.table.code(name.as_bytes(), limit))
            .collect::<Result<Vec<u32>, _>>();
        let Ok(map) = map else {
            return None;
        };
        self.truth.append_mapped(&part.truth, &map);
        if resolved.pred.is_some() {
            self.pred.append_mapped(&part.pred, &map);
        }
        if matches!(resolved.second, Some((_, ModelKind::Label))) {
            self.pred2.append_mapped(&part.pred2, &map);
        }
        self.score.extend_from_slice(&part.score);
        self.score2.extend_from_slice(&part.score2);
        self.lines.append(&part.lines, self.rows, lines);
        self.rows += part.rows;
        self.records_seen += part.records_seen;
        self.bytes_seen += part.bytes_seen;
        for &line in &part.repeated_header_lines {
            if self.repeated_header_lines.len() < SKIPPED_SAMPLES {
                self.repeated_header_lines.push(line + lines);
            }
        }
        self.repeated_headers += part.repeated_headers;
        Some(SpareColumns {
            truth: emptied_codes(part.truth),
            pred: emptied_codes(part.pred),
            score: emptied(part.score),
            pred2: emptied_codes(part.pred2),
            score2: emptied(part.score2),
        })
    }

    /// The columns of a file read in parts, once every part is appended
    /// (see [`Ingest::append_part`]): what [`Ingest::finish`] gives.
    pub fn finish_parts(self) -> Result<Dataset, Error> {
        self.end()
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
        // Sniffing reads the first 64 KiB of the file and nothing more (the
        // head may be longer when a big chunk came at once), so the
        // guesses are the same however the file is cut.
        let window = &head[bom..head.len().min(SNIFF_BYTES).max(bom)];
        let head = &head[bom..];
        // Zero bytes in the first 64 KiB are checked before any row is read, so
        // a binary file gets this message and not one about its first "row";
        // later ones are checked as the bytes arrive (see `feed`).
        if let Some(pos) = memchr::memchr(0, window) {
            return Err(binary_file(pos as u64 + 1 + bom as u64, PREDICTIONS));
        }
        self.delimiter = self
            .options
            .delimiter
            .unwrap_or_else(|| detect_delimiter(window));
        let whole_file = head.len() < SNIFF_BYTES;
        self.saw_text = !head.is_empty();
        self.sample = sample_records(window, self.delimiter, whole_file);
        if let Some(total) = self.options.expected_bytes {
            let lines = memchr::memchr_iter(b'\n', head).count();
            if lines > 1 {
                let per_line = head.len() as f64 / lines as f64;
                // A little headroom: later lines may be shorter than the first.
                self.estimated_rows = ((total as f64 / per_line) * 1.05) as usize + 16;
            }
        }
        self.splitter = Some(self.new_splitter());
        self.feed(head, bom as u64)
    }

    /// A record splitter for the file's delimiter, with the fast path unless
    /// [`IngestOptions::csv_core_only`] turned it off.
    fn new_splitter(&self) -> RecordSplitter {
        let splitter = RecordSplitter::new(self.delimiter);
        if self.options.fast_path {
            splitter
        } else {
            splitter.csv_core_only()
        }
    }

    /// Reads a chunk that starts at byte `offset` (0-based) of the file.
    /// One rule for zero bytes anywhere: the rows before one are read (so an
    /// earlier bad row is reported first, however the file is cut), then the
    /// file is refused as binary. Finding one costs a memchr per chunk.
    fn feed(&mut self, chunk: &[u8], offset: u64) -> Result<(), Error> {
        let zero = memchr::memchr(0, chunk);
        let text = &chunk[..zero.unwrap_or(chunk.len())];
        let mut splitter = self.splitter.take().expect("feed after start");
        let result = splitter.feed_to(text, self);
        self.splitter = Some(splitter);
        result?;
        match zero {
            Some(pos) => Err(binary_file(offset + pos as u64 + 1, PREDICTIONS)),
            None => Ok(()),
        }
    }

    fn on_record(&mut self, record: Record) -> Result<(), Error> {
        // A line of spaces is a blank line, as an empty one is.
        if record.len() == 1 && record.field(0).trim_ascii().is_empty() && !record.unterminated {
            return Ok(());
        }
        self.records_seen += 1;
        if record.unterminated {
            let problem = "a quoted field opened on this line is never closed, so the rest of the file was read into it; add the closing \"";
            let index = record.field_with_break().unwrap_or(0);
            // Columns may not be decided yet (this can be the first data row):
            // name them from the first row when it reads as a header.
            let header: Option<Vec<String>> = self
                .first_record
                .as_ref()
                .map(|(_, raw)| raw.iter().map(|f| trimmed_text(f)).collect());
            let name = match (&header, self.columns.is_empty()) {
                (Some(h), true) if looks_like_header(h, None, &self.sample) => {
                    h.get(index).cloned()
                }
                _ => self.columns.get(index).cloned(),
            }
            .unwrap_or_else(|| format!("column {}", index + 1));
            return Err(Error::row(record.line, Some((index + 1, &name)), problem));
        }
        if self.resolved.is_some() {
            return self.on_data(record.line, &record);
        }
        match self.first_record.take() {
            None => {
                let raw = (0..record.len())
                    .map(|i| record.field(i).to_vec())
                    .collect();
                // Decide on the second record: it shows what data looks like.
                self.first_record = Some((record.line, raw));
                Ok(())
            }
            Some(first) => {
                self.first_record = Some(first);
                let fields: Vec<String> = (0..record.len())
                    .map(|i| trimmed_text(record.field(i)))
                    .collect();
                self.decide(Some(&fields))?;
                self.on_data(record.line, &record)
            }
        }
    }

    /// Decides header and columns from the first record (and the second, if any).
    fn decide(&mut self, second: Option<&[String]>) -> Result<(), Error> {
        let (first_line, first_raw) = self.first_record.clone().unwrap_or_default();
        let first: Vec<String> = first_raw.iter().map(|f| trimmed_text(f)).collect();
        self.has_header = self
            .options
            .has_header
            .unwrap_or_else(|| looks_like_header(&first, second, &self.sample));
        if self.has_header {
            let fields: Vec<Vec<u8>> = first_raw.iter().map(|f| f.trim_ascii().to_vec()).collect();
            self.header_first_len = fields.first().map_or(0, Vec::len).max(1);
            self.header_fields = Some(fields);
        }
        self.columns = if self.has_header {
            first
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    if f.is_empty() {
                        format!("column {}", i + 1)
                    } else {
                        f.clone()
                    }
                })
                .collect()
        } else {
            (1..=first.len()).map(|i| format!("column {i}")).collect()
        };
        let resolved = self.resolve(second.or(if self.has_header { None } else { Some(&first) }));
        // The sample is needed only to decide header and columns.
        self.sample = Vec::new();
        let resolved = resolved?;
        let rows = self.estimated_rows;
        self.reserve_columns(&resolved, rows);
        self.resolved = Some(resolved);
        if !self.has_header {
            // The first record is data: replay it.
            self.on_fields(first_line, &first_raw)?;
        }
        Ok(())
    }

    fn find(&self, c: &ColumnRef, what: &str) -> Result<usize, Error> {
        let need = |problem: String| {
            Error::new(ErrorKind::NeedMapping {
                columns: self.columns.clone(),
                problem,
            })
        };
        match c {
            ColumnRef::Index(i) if *i >= 1 && *i <= self.columns.len() => Ok(i - 1),
            ColumnRef::Index(i) => Err(need(format!(
                "the {what} column is set to number {i}, but the file has {}",
                counted(self.columns.len() as u64, "column", "columns")
            ))),
            ColumnRef::Name(name) => self
                .columns
                .iter()
                .position(|c| c == name)
                .or_else(|| {
                    self.columns
                        .iter()
                        .position(|c| c.eq_ignore_ascii_case(name))
                })
                .ok_or_else(|| {
                    need(format!(
                        "there is no column named \"{}\" for the {what}",
                        excerpt(name, MAX_QUOTED_CHARS)
                    ))
                }),
        }
    }

    /// Resolves the columns from options, header names, or position.
    fn resolve(&mut self, sample: Option<&[String]>) -> Result<Resolved, Error> {
        if let Some(models) = self.options.models.clone() {
            return self.resolve_models(&models, sample);
        }
        let o = self.options.clone();
        let by_role = |role: Role| {
            self.columns
                .iter()
                .position(|c| self.has_header && role_of(c) == Some(role))
        };
        let truth = match &o.truth {
            Some(c) => Some(self.find(c, "true labels")?),
            None => by_role(Role::Truth),
        };
        let mut pred = match &o.pred {
            Some(c) => Some(self.find(c, "predicted labels")?),
            None if o.score.is_some() => None,
            None => by_role(Role::Pred),
        };
        let mut score = match &o.score {
            Some(c) => Some(self.find(c, "scores")?),
            None if o.pred.is_some() => None,
            None => by_role(Role::Score),
        };
        // A file with both predictions and scores is read by its predictions;
        // the user can switch to the scores.
        if pred.is_some() && score.is_some() && o.score.is_none() {
            score = None;
        }
        let n = self.columns.len();
        if n < 2 {
            return Err(Error::file(format!(
                "the file has only one column{}; fitcheck needs true labels and predictions (or scores) in two columns, separated by a comma, semicolon or tab",
                self.columns
                    .first()
                    .map(|c| format!(" (\"{}\")", excerpt(c, MAX_QUOTED_CHARS)))
                    .unwrap_or_default()
            )));
        }
        let truth = match truth {
            Some(t) => t,
            None => {
                let free: Vec<usize> = (0..n)
                    .filter(|&i| Some(i) != pred && Some(i) != score)
                    .collect();
                // Two columns and nothing recognised: the first holds the truth.
                let guess = if free.len() == 1 {
                    Some(free[0])
                } else if n == 2 {
                    Some(0)
                } else {
                    None
                };
                match guess {
                    Some(t) => {
                        self.guessed = true;
                        t
                    }
                    None => {
                        return Err(Error::new(ErrorKind::NeedMapping {
                            columns: self.columns.clone(),
                            problem: "cannot tell which column holds the true labels: choose it"
                                .into(),
                        }))
                    }
                }
            }
        };
        if pred.is_none() && score.is_none() {
            let others: Vec<usize> = (0..n).filter(|&i| i != truth).collect();
            if others.len() != 1 {
                return Err(Error::new(ErrorKind::NeedMapping {
                    columns: self.columns.clone(),
                    problem: "cannot tell which column holds the predictions or scores: choose it"
                        .into(),
                }));
            }
            self.guessed = true;
            let other = others[0];
            // Positional guess: a column of non-integer numbers is a score.
            let looks_like_score = sample
                .and_then(|s| s.get(other))
                .and_then(|v| v.parse::<f64>().ok())
                .is_some_and(|x| x.fract() != 0.0);
            if looks_like_score {
                score = Some(other);
            } else {
                pred = Some(other);
            }
        }
        // One column cannot be both: a model "predicting" the truth column
        // would report as perfect.
        if let Some(same) = [(pred, "predictions"), (score, "scores")]
            .into_iter()
            .find(|(c, _)| *c == Some(truth))
        {
            return Err(Error::new(ErrorKind::NeedMapping {
                columns: self.columns.clone(),
                problem: format!(
                    "the true labels and the {} must be in different columns, but both are set to \"{}\"",
                    same.1, self.columns[truth]
                ),
            }));
        }
        Ok(Resolved {
            truth,
            pred,
            score,
            second: None,
        })
    }

    /// Resolves the truth and one or two model columns of a comparison read
    /// (the rules are on [`IngestOptions::models`]).
    fn resolve_models(
        &mut self,
        models: &[ModelChoice],
        sample: Option<&[String]>,
    ) -> Result<Resolved, Error> {
        let n = self.columns.len();
        let need = |problem: String| {
            Error::new(ErrorKind::NeedMapping {
                columns: self.columns.clone(),
                problem,
            })
        };
        if n < models.len() + 1 {
            return Err(need(format!(
                "the file has {}, but a comparison needs the true labels and {} in separate columns",
                counted(n as u64, "column", "columns"),
                if models.len() == 2 {
                    "two models' predictions or scores"
                } else {
                    "the model's predictions or scores"
                }
            )));
        }
        let names = ["model A", "model B"];
        let mut chosen: Vec<Option<usize>> = Vec::new();
        for (i, m) in models.iter().enumerate() {
            chosen.push(match &m.column {
                Some(c) => Some(self.find(c, &format!("{} predictions", names[i]))?),
                None => None,
            });
        }
        let by_role = |role: Role| {
            self.columns
                .iter()
                .position(|c| self.has_header && role_of(c) == Some(role))
        };
        let truth = match &self.options.truth {
            Some(c) => self.find(c, "true labels")?,
            None => match by_role(Role::Truth) {
                Some(t) if !chosen.contains(&Some(t)) => t,
                _ => {
                    // The first column no model was given.
                    self.guessed = true;
                    (0..n)
                        .find(|i| !chosen.contains(&Some(*i)))
                        .expect("more columns than models")
                }
            },
        };
        // Models not chosen: recognised prediction/score names first, then
        // every other column, in file order.
        let named = |i: usize| {
            self.has_header && matches!(role_of(&self.columns[i]), Some(Role::Pred | Role::Score))
        };
        let free: Vec<usize> = {
            let taken = |i: usize| i == truth || chosen.contains(&Some(i));
            let first = (0..n).filter(|&i| !taken(i) && named(i));
            let rest = (0..n).filter(|&i| !taken(i) && !named(i));
            first.chain(rest).collect()
        };
        let missing = chosen.iter().filter(|c| c.is_none()).count();
        let recognised = free.iter().filter(|&&i| named(i)).count();
        if missing > 0 && free.len() > missing && recognised < missing {
            return Err(need(format!(
                "cannot tell which {} the {}: choose {}",
                if missing == 2 {
                    "two columns hold"
                } else {
                    "column holds"
                },
                if models.len() == 2 {
                    "models' predictions or scores"
                } else {
                    "model's predictions or scores"
                },
                if missing == 2 { "them" } else { "it" }
            )));
        }
        let mut free = free.into_iter();
        let columns: Vec<usize> = chosen
            .iter()
            .map(|c| c.or_else(|| free.next()).expect("enough free columns"))
            .collect();
        if missing > 0 && recognised < missing {
            self.guessed = true;
        }
        for (i, &c) in columns.iter().enumerate() {
            if c == truth {
                return Err(need(format!(
                    "the true labels and {}'s predictions must be in different columns, but both are set to \"{}\"",
                    names[i], self.columns[c]
                )));
            }
        }
        if columns.len() == 2 && columns[0] == columns[1] {
            return Err(need(format!(
                "model A and model B are both set to \"{}\": choose two different columns",
                self.columns[columns[0]]
            )));
        }
        let truth_values: Vec<f64> = sample
            .into_iter()
            .chain(self.sample.iter().map(Vec::as_slice))
            .filter_map(|row| row.get(truth))
            .filter_map(|v| v.parse::<f64>().ok())
            .collect();
        let mut kinds = Vec::new();
        for (m, &c) in models.iter().zip(&columns) {
            let kind = m.kind.unwrap_or_else(|| {
                let name = self.has_header.then(|| self.columns[c].as_str());
                match name {
                    Some(n) if sniff::named_like_scores(n) => ModelKind::Score,
                    Some(n) if role_of(n) == Some(Role::Pred) => ModelKind::Label,
                    _ => self.kind_from_values(c, truth, sample, &truth_values),
                }
            });
            self.kinds_guessed.push(m.kind.is_none());
            kinds.push(kind);
        }
        let (pred, score) = match kinds[0] {
            ModelKind::Label => (Some(columns[0]), None),
            ModelKind::Score => (None, Some(columns[0])),
        };
        Ok(Resolved {
            truth,
            pred,
            score,
            second: columns.get(1).map(|&c| (c, kinds[1])),
        })
    }

    /// A model column's kind from its values in the first 64 KiB: scores
    /// when every value is a number and some is not among the true labels
    /// there; labels otherwise.
    fn kind_from_values(
        &self,
        column: usize,
        truth: usize,
        sample: Option<&[String]>,
        truth_values: &[f64],
    ) -> ModelKind {
        let values: Vec<&String> = sample
            .into_iter()
            .chain(self.sample.iter().map(Vec::as_slice))
            .filter_map(|row| row.get(column))
            .collect();
        // `nan` and `inf` count as numbers here, so a score column holding
        // one is read as scores and gets the score error for it, with its line.
        let numbers: Vec<f64> = values
            .iter()
            .filter_map(|v| v.parse::<f64>().ok())
            .collect();
        let all_numbers = !values.is_empty() && numbers.len() == values.len();
        let truth_numeric = truth_values.len()
            == sample
                .into_iter()
                .chain(self.sample.iter().map(Vec::as_slice))
                .filter(|row| row.get(truth).is_some())
                .count();
        let outside = numbers.iter().any(|x| !truth_values.contains(x));
        if all_numbers && (outside || !truth_numeric) {
            ModelKind::Score
        } else {
            ModelKind::Label
        }
    }

    // Inlined: it runs once per row, and its caller is small.
    #[inline(always)]
    fn on_data<F: Fields + ?Sized>(&mut self, line: u64, record: &F) -> Result<(), Error> {
        // The header again mid-file (two CSVs joined with `cat`): skipped
        // with a warning naming its lines, rather than read as a row of
        // labels ("y_true" as a class) or stopping on data that is fine.
        // On the hot path only a length test: a first field shorter than the
        // header's first name cannot be it (most labels are short).
        if record.get(0).len() >= self.header_first_len && self.is_repeated_header(record) {
            self.repeated_headers += 1;
            if self.repeated_header_lines.len() < SKIPPED_SAMPLES {
                self.repeated_header_lines.push(line);
            }
            return Ok(());
        }
        self.on_fields(line, record)
    }

    /// Whether a record equals the header, field by field (trimmed).
    #[cold]
    #[inline(never)]
    fn is_repeated_header<F: Fields + ?Sized>(&self, record: &F) -> bool {
        let Some(header) = &self.header_fields else {
            return false;
        };
        record.count() == header.len()
            && (0..header.len()).all(|i| record.get(i).trim_ascii() == header[i].as_slice())
    }

    // Generic rather than `&dyn Fields`: field access inlines on the hot path.
    fn on_fields<F: Fields + ?Sized>(&mut self, line: u64, fields: &F) -> Result<(), Error> {
        match self.parse_row(line, fields) {
            Ok(()) => {
                self.rows += 1;
                Ok(())
            }
            Err(e) if self.options.skip_bad_rows && matches!(e.kind(), ErrorKind::Row { .. }) => {
                self.skipped += 1;
                if self.skipped_samples.len() < SKIPPED_SAMPLES {
                    self.skipped_samples.push(SkippedRow {
                        line,
                        message: e.to_string(),
                    });
                }
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    fn text<'a, F: Fields + ?Sized>(
        &self,
        line: u64,
        fields: &'a F,
        i: usize,
    ) -> Result<&'a str, Error> {
        let raw = std::str::from_utf8(fields.get(i)).map_err(|_| {
            Error::row(
                line,
                Some((i + 1, &self.columns[i])),
                not_utf8(fields.get(i)),
            )
        })?;
        Ok(raw.trim())
    }

    fn label<F: Fields + ?Sized>(&mut self, line: u64, fields: &F, i: usize) -> Result<u32, Error> {
        let text = fields.get(i).trim_ascii();
        if text.is_empty() {
            return Err(Error::row(
                line,
                Some((i + 1, &self.columns[i])),
                "the label is empty",
            ));
        }
        let limit = self.options.max_classes;
        self.table.code(text, limit).map_err(|e| match e {
            Some(()) => Error::row(
                line,
                Some((i + 1, &self.columns[i])),
                not_utf8(fields.get(i)),
            ),
            None => Error::new(ErrorKind::TooManyClasses {
                line,
                column: self.columns[i].clone(),
                limit,
            }),
        })
    }

    #[inline(always)]
    fn parse_row<F: Fields + ?Sized>(&mut self, line: u64, fields: &F) -> Result<(), Error> {
        let expected = self.columns.len();
        if fields.count() != expected {
            return Err(Error::row(
                line,
                None,
                format!("expected {expected} fields, found {}", fields.count()),
            ));
        }
        let r = self.resolved.expect("columns resolved before data");
        // Check every field before storing any, so a bad row leaves no trace.
        let score = match r.score {
            Some(i) => Some(self.parse_score(line, fields, i)?),
            None => None,
        };
        let truth = self.label(line, fields, r.truth)?;
        let pred = match r.pred {
            Some(i) => Some(self.label(line, fields, i)?),
            None => None,
        };
        let second = match r.second {
            Some((i, ModelKind::Label)) => Some(Ok(self.label(line, fields, i)?)),
            Some((i, ModelKind::Score)) => Some(Err(self.parse_score(line, fields, i)?)),
            None => None,
        };
        self.truth.push(truth);
        if let Some(p) = pred {
            self.pred.push(p);
        }
        if let Some(s) = score {
            self.score.push(s);
        }
        match second {
            Some(Ok(p)) => self.pred2.push(p),
            Some(Err(s)) => self.score2.push(s),
            None => {}
        }
        self.lines.record(self.rows, line);
        Ok(())
    }

    #[inline(always)]
    fn parse_score<F: Fields + ?Sized>(
        &self,
        line: u64,
        fields: &F,
        i: usize,
    ) -> Result<f64, Error> {
        if self.options.fast_path {
            if let Some(x) = score_text::finite_score(fields.get(i)) {
                return Ok(x);
            }
        }
        self.score_slowly(line, fields, i)
    }

    /// The reference path of [`Ingest::parse_score`]: UTF-8 text, trimmed,
    /// std's parser; words the error.
    #[cold]
    #[inline(never)]
    fn score_slowly<F: Fields + ?Sized>(
        &self,
        line: u64,
        fields: &F,
        i: usize,
    ) -> Result<f64, Error> {
        let text = self.text(line, fields, i)?;
        let at = Some((i + 1, self.columns[i].as_str()));
        if text.is_empty() {
            return Err(Error::row(line, at, "the score is empty"));
        }
        match text.parse::<f64>() {
            Ok(x) if x.is_finite() => Ok(x),
            Ok(x) if overflows(text, x) => Err(Error::row(
                line,
                at,
                format!(
                    "\"{}\" is too large for a number (beyond ±1.8e308): scores must be finite real numbers",
                    excerpt(text, QUOTED_CELL_CHARS)
                ),
            )),
            Ok(_) => Err(Error::row(
                line,
                at,
                format!(
                    "\"{}\" is not a finite number: scores must be real numbers",
                    excerpt(text, QUOTED_CELL_CHARS)
                ),
            )),
            Err(_) => Err(Error::row(
                line,
                at,
                format!(
                    "\"{}\" is not a number{}",
                    excerpt(text, QUOTED_CELL_CHARS),
                    digits_hint(text)
                ),
            )),
        }
    }

    fn end(mut self) -> Result<Dataset, Error> {
        if self.records_seen == 0 {
            return Err(Error::file(if self.saw_text {
                "the file has no data: every line is blank"
            } else {
                "the file is empty: there are no rows to read"
            }));
        }
        if self.resolved.is_none() {
            // A single record: header or data, decided now.
            self.decide(None)?;
        }
        if self.rows == 0 {
            return Err(Error::file(if self.skipped > 0 {
                format!(
                    "every data row was bad ({} skipped); the first: {}",
                    self.skipped,
                    self.skipped_samples
                        .first()
                        .map(|s| s.message.as_str())
                        .unwrap_or("")
                )
            } else {
                "the file has a header row but no data rows".to_string()
            }));
        }
        let r = self.resolved.expect("resolved");
        let (labels, remap, numeric_labels) = self.table.sorted();
        // `remap` has one entry per class: the columns end narrow exactly
        // when there are at most 256 classes (see `codes`).
        self.truth.remap(&remap);
        if r.pred.is_some() {
            self.pred.remap(&remap);
        }
        if matches!(r.second, Some((_, ModelKind::Label))) {
            self.pred2.remap(&remap);
        }
        let mut notes = Vec::new();
        if self.repeated_headers > 0 {
            notes.push(repeated_header_note(
                &self.repeated_header_lines,
                self.repeated_headers,
            ));
        }
        if !numeric_labels {
            notes.extend(similar_labels_note(&labels));
        }
        let name = |i: usize| self.columns[i].clone();
        Ok(Dataset {
            notes,
            labels,
            numeric_labels,
            truth: self.truth,
            pred: r.pred.map(|_| self.pred),
            score: r.score.map(|_| self.score),
            rows: self.rows,
            skipped: self.skipped,
            skipped_samples: self.skipped_samples,
            mapping: Mapping {
                truth: name(r.truth),
                pred: r.pred.map(name),
                score: r.score.map(name),
                guessed: self.guessed,
                kinds_guessed: self.kinds_guessed,
            },
            second: r.second.map(|(i, kind)| SecondModel {
                name: name(i),
                pred: (kind == ModelKind::Label).then_some(self.pred2),
                score: (kind == ModelKind::Score).then_some(self.score2),
            }),
            lines: self.lines,
            columns: self.columns,
            delimiter: self.delimiter,
            has_header: self.has_header,
            scores_by_class: false,
        })
    }
}

/// The note for a header row found again mid-file, on these (first few) lines.
fn repeated_header_note(lines: &[u64], times: u64) -> Note {
    let listed: Vec<String> = lines.iter().map(|l| count(*l)).collect();
    let place = match listed.as_slice() {
        [one] => format!("on line {one}"),
        [init @ .., last] if times as usize == listed.len() => {
            format!("on lines {} and {last}", init.join(", "))
        }
        _ => format!(
            "{} times, first on lines {}",
            count(times),
            listed.join(", ")
        ),
    };
    Note {
        kind: NoteKind::RepeatedHeader,
        message: format!(
            "The header row appears again {place}, as when two CSV files are joined with cat; {} skipped, not read as data. Check that the parts belong together.",
            if times == 1 { "it was" } else { "they were" }
        ),
    }
}

/// The note for text labels that differ only by case or spacing (`yes`,
/// `Yes`, `yes\u{a0}`): they are counted as different classes, which is
/// rarely what was meant. At most three groups are named.
fn similar_labels_note(labels: &[String]) -> Option<Note> {
    // Key: trimmed of every kind of space, spaces unified, lower case.
    let key = |l: &str| -> String {
        l.trim()
            .chars()
            .map(|c| if c.is_whitespace() { ' ' } else { c })
            .flat_map(char::to_lowercase)
            .collect()
    };
    let mut groups: std::collections::HashMap<String, Vec<usize>> = Default::default();
    for (i, l) in labels.iter().enumerate() {
        groups.entry(key(l)).or_default().push(i);
    }
    let mut similar: Vec<Vec<usize>> = groups.into_values().filter(|g| g.len() > 1).collect();
    if similar.is_empty() {
        return None;
    }
    similar.sort();
    let shown: Vec<String> = similar
        .iter()
        .take(3)
        .map(|g| {
            let names: Vec<String> = g
                .iter()
                .map(|&i| format!("\"{}\"", spaces_shown(&labels[i])))
                .collect();
            match names.split_last() {
                Some((last, init)) if !init.is_empty() => format!("{} and {last}", init.join(", ")),
                _ => names.join(""),
            }
        })
        .collect();
    let more = if similar.len() > 3 {
        format!(" (and {} more groups)", similar.len() - 3)
    } else {
        String::new()
    };
    Some(Note {
        kind: NoteKind::SimilarLabels,
        message: format!(
            "Labels {}{more} differ only by case or spacing, so each is counted as its own class. If they mean the same class, make them identical in the file.",
            shown.join("; ")
        ),
    })
}

/// A label as a message quotes it, with spaces other than the plain one
/// (no-break, thin, ideographic) written as `\u{a0}` so they can be seen.
fn spaces_shown(label: &str) -> String {
    excerpt(label, MAX_QUOTED_CHARS)
        .chars()
        .map(|c| {
            if c.is_whitespace() && c != ' ' {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Records 2, 3, … (up to 200) of the first 64 KiB as trimmed text. The
/// last record counts only when the window is the whole file.
fn sample_records(window: &[u8], delimiter: u8, whole_file: bool) -> Vec<Vec<String>> {
    const MAX: usize = 200;
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut seen = 0usize;
    let mut splitter = RecordSplitter::new(delimiter);
    let mut take = |r: Record| -> Result<(), Error> {
        let blank = r.len() == 1 && r.field(0).trim_ascii().is_empty();
        if !blank {
            seen += 1;
            if seen > 1 && out.len() < MAX {
                out.push((0..r.len()).map(|i| trimmed_text(r.field(i))).collect());
            }
        }
        Ok(())
    };
    let _ = splitter.feed(window, &mut take);
    if whole_file {
        let _ = splitter.finish(&mut take);
    }
    out
}

/// A field as trimmed text, for header names and sniffing (invalid UTF-8
/// is replaced here; data rows report it as an error instead).
fn trimmed_text(field: &[u8]) -> String {
    String::from_utf8_lossy(field).trim().to_string()
}

/// The fields of one row, from the parser or replayed from the sniffed first row.
trait Fields {
    fn count(&self) -> usize;
    fn get(&self, i: usize) -> &[u8];
}

impl Fields for Record<'_> {
    fn count(&self) -> usize {
        self.len()
    }
    fn get(&self, i: usize) -> &[u8] {
        self.field(i)
    }
}

impl Fields for Vec<Vec<u8>> {
    fn count(&self) -> usize {
        self.len()
    }
    fn get(&self, i: usize) -> &[u8] {
        &self[i]
    }
}

/// Reads a whole file held in memory (convenience for tests and the CLI).
pub fn read_all(bytes: &[u8], options: IngestOptions) -> Result<Dataset, Error> {
    let mut ingest = Ingest::new(options);
    ingest.push(bytes)?;
    ingest.finish()
}
