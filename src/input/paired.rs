//! Two models' predictions on the same rows, for a comparison: from one file
//! with two model columns (`y_true,base,finetuned`, read with
//! [`IngestOptions::models`]) or from two files (`before.csv`, `after.csv`,
//! each read as the predictions-file mode reads it) joined row by row.
//!
//! Joining checks that the files describe the same examples: the same number
//! of rows, and the same true label on every row (the first row where they
//! differ is an [`ErrorKind::TruthMismatch`] naming both lines and values).
//! Class names are merged: numeric labels compare as numbers (`1` and `1.0`
//! are one class) when both files' labels are all numbers.
//!
//! ```
//! use fitcheck::input::ingest::{read_all, IngestOptions, ModelChoice};
//! use fitcheck::input::paired::{PairedData, ModelValues};
//! let one = b"y_true,base,tuned\n1,0.9,1\n0,0.4,0\n1,0.2,1\n";
//! let data = read_all(one, IngestOptions::new().models(vec![ModelChoice::default(); 2])).unwrap();
//! let paired = PairedData::from_one_file(data, "preds.csv").unwrap();
//! assert_eq!(paired.models[0].name, "base");
//! assert!(matches!(paired.models[0].values, ModelValues::Scores(_)));
//! assert!(matches!(paired.models[1].values, ModelValues::Labels(_)));
//! assert_eq!(paired.line_of(0, 2), 4); // model B's third row is on line 4
//! ```
//!
//! [`IngestOptions::models`]: crate::input::ingest::IngestOptions::models

use crate::error::{Error, ErrorKind};
use crate::format::{count, excerpt, MAX_QUOTED_CHARS};
use crate::input::ingest::codes::{ClassCodes, Code};
use crate::input::ingest::labels::compare_number_labels;
use crate::input::ingest::lines::LineMap;
use crate::input::ingest::{Dataset, Mapping, ModelKind, Note, SkippedRow};
use crate::with_codes;

/// A model's values, one per row.
#[derive(Debug, Clone, PartialEq)]
pub enum ModelValues {
    /// Predicted classes, as indices into [`PairedData::labels`].
    Labels(ClassCodes),
    /// Scores (binary truth only).
    Scores(Vec<f64>),
}

impl ModelValues {
    /// Labels or scores.
    pub fn kind(&self) -> ModelKind {
        match self {
            ModelValues::Labels(_) => ModelKind::Label,
            ModelValues::Scores(_) => ModelKind::Score,
        }
    }
}

/// One model of a comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct PairedModel {
    /// The name people see: the column's name (one file) or the file's
    /// name (two files).
    pub name: String,
    /// The column it was read from.
    pub column: String,
    /// Which of [`PairedData::files`] it came from.
    pub file: usize,
    /// Its predictions or scores.
    pub values: ModelValues,
    /// Whether labels-or-scores was detected rather than chosen.
    pub kind_guessed: bool,
}

/// How a file of a comparison was read.
#[derive(Debug, Clone, PartialEq)]
pub struct PairedFile {
    /// The file's name.
    pub name: String,
    /// Every column's name.
    pub columns: Vec<String>,
    /// Which columns were used (truth and this file's first model).
    pub mapping: Mapping,
    /// The delimiter.
    pub delimiter: u8,
    /// Whether the first row was a header.
    pub has_header: bool,
    /// What the reader noticed.
    pub notes: Vec<Note>,
    /// Rows skipped as bad (one-file reads only: skipping would misalign two files).
    pub skipped: u64,
    /// The first few skipped rows.
    pub skipped_samples: Vec<SkippedRow>,
    /// The line of each row.
    pub lines: LineMap,
}

/// Two models' predictions on the same rows.
#[derive(Debug, Clone, PartialEq)]
pub struct PairedData {
    /// Every class in the truth or either model's predictions, sorted as
    /// scikit-learn sorts.
    pub labels: Vec<String>,
    /// Whether labels were compared as numbers.
    pub numeric_labels: bool,
    /// True class of each row, as an index into `labels`.
    pub truth: ClassCodes,
    /// Model A (before) and model B (after).
    pub models: [PairedModel; 2],
    /// One file, or two joined.
    pub files: Vec<PairedFile>,
    /// Rows.
    pub rows: u64,
}

/// Which of two files a reading error came from, added to its words:
/// `"after.csv": the file is empty…`, `line 3, column 2 ("y_pred"): … (in
/// "after.csv")`. A comparison of two files must say which one to fix; the
/// other kinds already name their place or need no file.
pub fn in_named_file(error: Error, name: &str) -> Error {
    let name = excerpt(name, MAX_QUOTED_CHARS);
    match error.kind() {
        ErrorKind::Row {
            line,
            column,
            problem,
        } => Error::row(
            *line,
            column.as_ref().map(|(i, n)| (*i, n.as_str())),
            format!("{problem} (in \"{name}\")"),
        ),
        ErrorKind::File { problem } => Error::file(format!("\"{name}\": {problem}")),
        ErrorKind::NeedMapping { columns, problem } => Error::new(ErrorKind::NeedMapping {
            columns: columns.clone(),
            problem: format!("{problem} (in \"{name}\")"),
        }),
        _ => error,
    }
}

/// A file's reading details, leaving its columns behind.
fn file_of(data: &mut Dataset, name: &str) -> PairedFile {
    PairedFile {
        name: name.to_string(),
        columns: data.columns.clone(),
        mapping: data.mapping.clone(),
        delimiter: data.delimiter,
        has_header: data.has_header,
        notes: std::mem::take(&mut data.notes),
        skipped: data.skipped,
        skipped_samples: std::mem::take(&mut data.skipped_samples),
        lines: std::mem::take(&mut data.lines),
    }
}

/// The first model of a dataset: its column name and values.
fn first_model(data: &mut Dataset) -> Result<(String, ModelValues), Error> {
    if let Some(pred) = data.pred.take() {
        let name = data.mapping.pred.clone().unwrap_or_default();
        return Ok((name, ModelValues::Labels(pred)));
    }
    if let Some(score) = data.score.take() {
        let name = data.mapping.score.clone().unwrap_or_default();
        return Ok((name, ModelValues::Scores(score)));
    }
    Err(Error::file("no prediction or score column was read"))
}

impl PairedData {
    /// A comparison from one file read with two model columns.
    pub fn from_one_file(mut data: Dataset, file_name: &str) -> Result<PairedData, Error> {
        let second = data.second.take().ok_or_else(|| {
            Error::file("a comparison file needs two model columns; only one was read")
        })?;
        let (name_a, values_a) = first_model(&mut data)?;
        let values_b = match (second.pred, second.score) {
            (Some(p), _) => ModelValues::Labels(p),
            (None, Some(s)) => ModelValues::Scores(s),
            (None, None) => return Err(Error::file("the second model column was not read")),
        };
        let guessed = |i: usize| data.mapping.kinds_guessed.get(i).copied().unwrap_or(false);
        let models = [
            PairedModel {
                name: name_a.clone(),
                column: name_a,
                file: 0,
                values: values_a,
                kind_guessed: guessed(0),
            },
            PairedModel {
                name: second.name.clone(),
                column: second.name,
                file: 0,
                values: values_b,
                kind_guessed: guessed(1),
            },
        ];
        let paired = PairedData {
            labels: std::mem::take(&mut data.labels),
            numeric_labels: data.numeric_labels,
            truth: std::mem::take(&mut data.truth),
            models,
            rows: data.rows,
            files: vec![file_of(&mut data, file_name)],
        };
        paired.check_scores()?;
        Ok(paired)
    }

    /// A comparison of two files' models, joined row by row; `names` are the
    /// files' names (they become the models' names, or the column names
    /// when both files have the same name).
    pub fn join(mut a: Dataset, mut b: Dataset, names: [&str; 2]) -> Result<PairedData, Error> {
        for (data, name) in [(&a, names[0]), (&b, names[1])] {
            if data.skipped > 0 {
                return Err(Error::file(format!(
                    "\"{}\" has bad rows; with two files every row must be read, or the files would no longer line up. Fix the rows (the first: {})",
                    excerpt(name, MAX_QUOTED_CHARS),
                    data.skipped_samples
                        .first()
                        .map(|s| s.message.as_str())
                        .unwrap_or("")
                )));
            }
        }
        if a.rows != b.rows {
            return Err(Error::file(format!(
                "\"{}\" has {} and \"{}\" has {}: both files must hold the same examples in the same order",
                excerpt(names[0], MAX_QUOTED_CHARS),
                crate::format::counted(a.rows, "row", "rows"),
                excerpt(names[1], MAX_QUOTED_CHARS),
                crate::format::counted(b.rows, "row", "rows"),
            )));
        }
        let numeric = a.numeric_labels && b.numeric_labels;
        let labels = merged_labels(&a.labels, &b.labels, numeric);
        let index_in = |from: &[String]| -> Vec<u32> {
            from.iter()
                .map(|l| {
                    labels
                        .iter()
                        .position(|m| same_label(m, l, numeric))
                        .unwrap_or(0) as u32
                })
                .collect()
        };
        let (map_a, map_b) = (index_in(&a.labels), index_in(&b.labels));
        let mismatch = with_codes!(&a.truth, |ta| with_codes!(&b.truth, |tb| {
            first_mismatch(ta, tb, &map_a, &map_b)
        }));
        if let Some(row) = mismatch {
            return Err(Error::new(ErrorKind::TruthMismatch {
                row: row as u64 + 1,
                files: [names[0].to_string(), names[1].to_string()],
                lines: [a.lines.line_of(row as u64), b.lines.line_of(row as u64)],
                values: [
                    a.labels[a.truth.get(row) as usize].clone(),
                    b.labels[b.truth.get(row) as usize].clone(),
                ],
            }));
        }
        let truth = a.truth.remapped(&map_a);
        let (column_a, values_a) = first_model(&mut a)?;
        let (column_b, values_b) = first_model(&mut b)?;
        let remap = |values: ModelValues, map: &[u32]| match values {
            ModelValues::Labels(mut p) => {
                p.remap(map);
                ModelValues::Labels(p)
            }
            scores => scores,
        };
        let same_name = names[0] == names[1];
        let display = |file: &str, column: &str, which: &str| {
            if same_name {
                format!("{which}: {column}")
            } else {
                file.to_string()
            }
        };
        let guessed = |d: &Dataset| d.mapping.kinds_guessed.first().copied().unwrap_or(false);
        let models = [
            PairedModel {
                name: display(names[0], &column_a, "A"),
                column: column_a,
                file: 0,
                values: remap(values_a, &map_a),
                kind_guessed: guessed(&a),
            },
            PairedModel {
                name: display(names[1], &column_b, "B"),
                column: column_b,
                file: 1,
                values: remap(values_b, &map_b),
                kind_guessed: guessed(&b),
            },
        ];
        let paired = PairedData {
            labels,
            numeric_labels: numeric,
            truth,
            models,
            rows: a.rows,
            files: vec![file_of(&mut a, names[0]), file_of(&mut b, names[1])],
        };
        paired.check_scores()?;
        Ok(paired)
    }

    /// Scores need a binary truth.
    fn check_scores(&self) -> Result<(), Error> {
        let k = self.truth_classes();
        for m in &self.models {
            if matches!(m.values, ModelValues::Scores(_)) && k > 2 {
                return Err(Error::file(format!(
                    "\"{}\" holds scores, but the true labels have {} classes; scores need two. Read it as predicted labels instead (kind: label)",
                    excerpt(&m.column, MAX_QUOTED_CHARS),
                    count(k as u64)
                )));
            }
        }
        Ok(())
    }

    /// How many classes occur in the true labels.
    pub fn truth_classes(&self) -> usize {
        let mut seen = vec![false; self.labels.len()];
        with_codes!(&self.truth, |t| mark_present(t, &mut seen));
        seen.iter().filter(|&&s| s).count()
    }

    /// The file line of row `row` (0-based) as model `model` (0 or 1) read it.
    pub fn line_of(&self, model: usize, row: u64) -> u64 {
        let file = self.models[model.min(1)].file;
        self.files[file].lines.line_of(row)
    }

    /// Model `model` (0 or 1) alone, as a predictions file read into columns:
    /// what a single-model report is made from.
    pub fn model_dataset(&self, model: usize) -> Dataset {
        self.model_dataset_over(model, false)
    }

    /// Model `model` alone, with every class of the comparison kept when
    /// `all_classes` (both models then share one label set: the
    /// comparison's own report when one model predicts a class the truth
    /// lacks), else as [`PairedData::model_dataset`].
    pub fn model_dataset_over(&self, model: usize, all_classes: bool) -> Dataset {
        let m = &self.models[model.min(1)];
        let file = &self.files[m.file];
        // Only the classes in the truth or this model's predictions, as a
        // file of this model alone would have: a class only the other model
        // predicts must not enter this model's averages.
        let mut present = vec![all_classes; self.labels.len()];
        with_codes!(&self.truth, |t| mark_present(t, &mut present));
        if let ModelValues::Labels(p) = &m.values {
            with_codes!(p, |p| mark_present(p, &mut present));
        }
        let mut new_code = vec![0u32; self.labels.len()];
        let mut labels = Vec::new();
        for (i, l) in self.labels.iter().enumerate() {
            if present[i] {
                new_code[i] = labels.len() as u32;
                labels.push(l.clone());
            }
        }
        let (pred, score) = match &m.values {
            ModelValues::Labels(p) => (Some(p.remapped(&new_code)), None),
            ModelValues::Scores(s) => (None, Some(s.clone())),
        };
        Dataset {
            labels,
            numeric_labels: self.numeric_labels,
            truth: self.truth.remapped(&new_code),
            pred,
            score,
            rows: self.rows,
            skipped: file.skipped,
            skipped_samples: file.skipped_samples.clone(),
            columns: file.columns.clone(),
            mapping: Mapping {
                truth: file.mapping.truth.clone(),
                pred: matches!(m.values, ModelValues::Labels(_)).then(|| m.column.clone()),
                score: matches!(m.values, ModelValues::Scores(_)).then(|| m.column.clone()),
                guessed: file.mapping.guessed,
                kinds_guessed: vec![m.kind_guessed],
            },
            delimiter: file.delimiter,
            has_header: file.has_header,
            notes: file.notes.clone(),
            scores_by_class: false,
            second: None,
            lines: LineMap::default(),
        }
    }
}

/// Marks the classes that occur in `codes` (a code column of either width).
fn mark_present<C: Code>(codes: &[C], present: &mut [bool]) {
    for &c in codes {
        present[c.index()] = true;
    }
}

/// The first row where two files' true classes differ, each file's codes
/// turned into the joined labels' by its map.
fn first_mismatch<A: Code, B: Code>(
    a: &[A],
    b: &[B],
    map_a: &[u32],
    map_b: &[u32],
) -> Option<usize> {
    a.iter()
        .zip(b)
        .position(|(&ta, &tb)| map_a[ta.index()] != map_b[tb.index()])
}

/// Whether two class names are the same class.
fn same_label(a: &str, b: &str, numeric: bool) -> bool {
    if numeric {
        compare_number_labels(a, b) == std::cmp::Ordering::Equal
    } else {
        a == b
    }
}

/// The union of two sorted label lists, sorted the same way.
fn merged_labels(a: &[String], b: &[String], numeric: bool) -> Vec<String> {
    let mut all: Vec<String> = a.to_vec();
    for l in b {
        if !all.iter().any(|m| same_label(m, l, numeric)) {
            all.push(l.clone());
        }
    }
    if numeric {
        all.sort_by(|x, y| compare_number_labels(x, y));
    } else {
        all.sort();
    }
    all
}
