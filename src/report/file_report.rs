//! From a file read into columns ([`Dataset`]) to a [`Report`]: builds the
//! confusion matrix, picks the positive class of binary data, thresholds
//! scores, and records where the numbers came from.
//!
//! Conventions: a score at or above the threshold predicts the positive
//! class (`score >= 0.5` → positive by default). The positive label is the
//! one that reads as positive (`1`, `true`, `yes`, `positive`, `pos`, `t`,
//! `y`, any case) when exactly one of the two does; otherwise the label that
//! sorts last is taken (as scikit-learn's `LabelBinarizer` does) and a
//! `positive_label_guess` warning asks the user to confirm.

use crate::error::{Error, ErrorKind};
use crate::format::{excerpt, MAX_QUOTED_CHARS};
use crate::input::counts::ConfusionCounts;
use crate::input::ingest::codes::Code;
use crate::input::ingest::labels::{compare_number_labels, number_label_name};
use crate::input::ingest::{Dataset, NoteKind};
use crate::metrics::bootstrap::Resampling;
use crate::metrics::decimal_sort::ClassCounts;
use crate::metrics::operating_points::OperatingGoals;
use crate::metrics::per_class::averages;
use crate::options::ReportOptions;
use crate::report::assemble::{binary_report_resampled, multiclass_report_resampled};
use crate::report::contract::{BinaryLabels, Report, SourceInfo};
use crate::report::score_report::{CurveDetail, ScoreContext, ThresholdChoice};
use crate::report::warnings::{Severity, Warning, WarningId};
use crate::with_codes;

/// Default score threshold: scores at or above it predict the positive class.
pub const DEFAULT_THRESHOLD: f64 = 0.5;

/// Options for a report on a file.
#[derive(Debug, Clone, PartialEq)]
pub struct FileReportOptions {
    /// Task, beta and bars.
    pub report: ReportOptions,
    /// Scores at or above it predict positive (score files only).
    pub threshold: f64,
    /// Whether the user set the threshold (or a rank): on a label file it
    /// does nothing, and the report says so.
    pub threshold_set: bool,
    /// A slider rank among the distinct scores; overrides `threshold`.
    pub rank: Option<usize>,
    /// The positive label, when the user chose it.
    pub positive: Option<String>,
    /// Costs and targets for operating points (score files).
    pub goals: OperatingGoals,
    /// How much of the ROC and PR curves to include (score files).
    pub curves: CurveDetail,
    /// Resamples and seed of the bootstrap intervals (F1, MCC, average precision).
    pub resampling: Resampling,
}

impl Default for FileReportOptions {
    fn default() -> Self {
        FileReportOptions {
            report: ReportOptions::default(),
            threshold: DEFAULT_THRESHOLD,
            threshold_set: false,
            rank: None,
            positive: None,
            goals: OperatingGoals::default(),
            curves: CurveDetail::None,
            resampling: Resampling::default(),
        }
    }
}

const POSITIVE_WORDS: [&str; 7] = ["1", "true", "yes", "positive", "pos", "t", "y"];
const NEGATIVE_WORDS: [&str; 8] = ["0", "false", "no", "negative", "neg", "f", "n", "-1"];

fn is_positive_word(label: &str) -> bool {
    POSITIVE_WORDS.iter().any(|w| w.eq_ignore_ascii_case(label))
}

fn is_negative_word(label: &str) -> bool {
    NEGATIVE_WORDS.iter().any(|w| w.eq_ignore_ascii_case(label))
}

/// The usual partner of a label that stands alone (`1` ↔ `0`, `yes` ↔ `no`).
fn partner(label: &str) -> Option<String> {
    let lower = label.to_ascii_lowercase();
    let pairs = [
        ("1", "0"),
        ("true", "false"),
        ("yes", "no"),
        ("positive", "negative"),
        ("pos", "neg"),
        ("t", "f"),
        ("y", "n"),
    ];
    for (p, n) in pairs {
        let other = if lower == p {
            n
        } else if lower == n {
            p
        } else {
            continue;
        };
        // Keep the label's case style: TRUE ↔ FALSE, Yes ↔ No.
        return Some(if label.chars().all(|c| !c.is_lowercase()) {
            other.to_uppercase()
        } else if label.chars().next().is_some_and(char::is_uppercase) {
            let mut c = other.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        } else {
            other.to_string()
        });
    }
    None
}

/// The binary classes of a dataset: sorted names, the positive index, whether
/// it was guessed, and the map from dataset class index to binary index.
fn binary_classes(
    data: &Dataset,
    positive: Option<&str>,
) -> Result<(BinaryLabels, bool, Vec<usize>), Error> {
    let labels = &data.labels;
    // Numeric labels are compared as numbers: "1.0" names the class "1".
    let normalised = positive.map(|p| match number_label_name(p) {
        Some(name) if data.numeric_labels => name,
        _ => p.trim().to_string(),
    });
    let positive = normalised.as_deref();
    let choose_err = |msg: String| {
        Error::new(ErrorKind::InvalidOption {
            option: "positive",
            problem: msg,
        })
    };
    if let Some(p) = positive {
        if labels.len() == 2 && !labels.iter().any(|l| l == p) {
            return Err(choose_err(format!(
                "\"{}\" is not a label in the file; the labels are \"{}\" and \"{}\"",
                excerpt(p, MAX_QUOTED_CHARS),
                excerpt(&labels[0], MAX_QUOTED_CHARS),
                excerpt(&labels[1], MAX_QUOTED_CHARS)
            )));
        }
    }
    let (mut names, guessed): (Vec<String>, bool) = match labels.len() {
        2 => (labels.clone(), false),
        1 => {
            let only = &labels[0];
            // scikit-learn's rule: with fewer than two labels present, any
            // positive label may be named (an absent one has no examples).
            // The other side of the matrix is the usual partner (`1` ↔ `0`)
            // or, for a named positive without one, "not <label>".
            let other = match positive {
                Some(p) if p != only => p.to_string(),
                Some(p) => partner(p).unwrap_or_else(|| format!("not {p}")),
                None => partner(only).ok_or_else(|| {
                    Error::new(ErrorKind::NeedPositive {
                        label: only.clone(),
                    })
                })?,
            };
            (vec![only.clone(), other], false)
        }
        _ => unreachable!("binary_classes is called with one or two labels"),
    };
    if data.numeric_labels {
        names.sort_by(|a, b| compare_number_labels(a, b));
    } else {
        names.sort();
    }
    let (pos_index, guessed) = if let Some(p) = positive {
        (names.iter().position(|n| n == p).unwrap_or(1), false)
    } else {
        let pos: Vec<usize> = (0..2).filter(|&i| is_positive_word(&names[i])).collect();
        let neg: Vec<usize> = (0..2).filter(|&i| is_negative_word(&names[i])).collect();
        match (pos.as_slice(), neg.as_slice()) {
            ([i], _) => (*i, guessed),
            ([], [j]) => (1 - *j, guessed),
            _ => (1, true),
        }
    };
    let map = data
        .labels
        .iter()
        .map(|l| names.iter().position(|n| n == l).unwrap_or(0))
        .collect();
    Ok((
        BinaryLabels {
            labels: [names[0].clone(), names[1].clone()],
            pos_index,
        },
        guessed,
        map,
    ))
}

/// Builds the report for a dataset.
pub fn dataset_report(data: &Dataset, options: &FileReportOptions) -> Result<Report, Error> {
    options.report.validate()?;
    if data.score.is_some() {
        let context = score_context(data, options.positive.as_deref())?;
        return finish_score_report(data, &context, options);
    }
    let k = data.labels.len();
    let pred = data
        .pred
        .as_ref()
        .ok_or_else(|| Error::file("no prediction or score column was read"))?;
    let mut positive_guessed = false;
    let mut report = if k <= 2 {
        let (names, guessed, map) = binary_classes(data, options.positive.as_deref())?;
        positive_guessed = guessed;
        let counts = with_codes!(&data.truth, |t| with_codes!(pred, |p| label_counts(
            t,
            p,
            &map,
            names.pos_index
        )));
        binary_report_resampled(
            &checked(counts)?,
            &options.report,
            &names,
            &options.resampling,
        )?
    } else {
        let matrix = with_codes!(&data.truth, |t| with_codes!(pred, |p| confusion_matrix(
            t, p, k
        )));
        multiclass_report_resampled(&data.labels, matrix, &options.report, &options.resampling)?
    };
    if options.threshold_set {
        report.warnings.push(Warning {
            id: WarningId::ThresholdIgnored,
            severity: Severity::Low,
            message: format!(
                "The threshold {} was ignored: this file gives predicted labels, not scores, so there is nothing to threshold.",
                crate::format::plain(options.threshold)
            ),
        });
    }
    if let (Some(p), true) = (&options.positive, k > 2) {
        report.warnings.push(Warning {
            id: WarningId::PositiveIgnored,
            severity: Severity::Low,
            message: format!(
                "The positive class \"{p}\" was ignored: with {k} classes there is no single positive class; every class gets its own row and the averages cover them all."
            ),
        });
    }
    attach_source(&mut report, data, positive_guessed, None);
    Ok(report)
}

/// Puts the rows of each class of a binary score file together, scores
/// sorted from highest to lowest, in place: the curve can then be built
/// without copying the scores (the largest column). No metric depends on
/// row order. Does nothing for label files or more than two classes.
pub fn sort_scores_by_class(data: &mut Dataset) {
    sort_scores_by_class_counting_first(data, true);
}

/// [`sort_scores_by_class`], trying to sort by counting first only when
/// `try_counting` (not when the counting has already been tried).
fn sort_scores_by_class_counting_first(data: &mut Dataset, try_counting: bool) {
    let Some(scores) = data.score.as_mut() else {
        return;
    };
    if data.labels.len() > 2 || data.scores_by_class {
        return;
    }
    data.scores_by_class = true;
    // Scores printed with a few decimals (most score files): by counting,
    // with the result of the partition and sorts below.
    if try_counting
        && with_codes!(mut &mut data.truth, |t| {
            crate::metrics::decimal_sort::sort_classes_by_counting(t, scores)
        })
        .is_some()
    {
        return;
    }
    let i = with_codes!(mut &mut data.truth, |t| partition_by_class(t, scores));
    crate::metrics::curve::sort_descending(&mut scores[..i]);
    crate::metrics::curve::sort_descending(&mut scores[i..]);
}

/// The binary score column of `data` counted by decimal step and class
/// ([`crate::metrics::decimal_sort::count_by_class`]), when it has one
/// whose scores can be counted (not yet sorted by class).
fn count_scores_by_class(data: &Dataset) -> Option<ClassCounts> {
    let scores = data.score.as_ref()?;
    if data.labels.len() > 2 || data.scores_by_class {
        return None;
    }
    with_codes!(&data.truth, |t| {
        crate::metrics::decimal_sort::count_by_class(t, scores)
    })
}

/// The rows of class 0 of a column partitioned by [`partition_by_class`].
fn rows_of_class_zero<C: Code>(truth: &[C]) -> usize {
    truth.partition_point(|&c| c == C::default())
}

/// Partitions a binary column in place, class 0 first and class 1 after
/// (any non-zero class counts as 1), moving each row's score with its
/// class; returns the rows of class 0. Generic over the code width: it runs
/// on the narrow codes of 10M-row files without converting them.
fn partition_by_class<C: Code>(truth: &mut [C], scores: &mut [f64]) -> usize {
    let zero = C::default();
    let (mut i, mut j) = (0usize, truth.len());
    loop {
        while i < j && truth[i] == zero {
            i += 1;
        }
        while i < j && truth[j - 1] != zero {
            j -= 1;
        }
        if i >= j {
            break;
        }
        truth.swap(i, j - 1);
        scores.swap(i, j - 1);
    }
    i
}

/// Sorts a score file's scores once for this positive class; reports at any
/// threshold then come from [`finish_score_report`] cheaply. Without a copy
/// when [`sort_scores_by_class`] has run.
pub fn score_context(data: &Dataset, positive: Option<&str>) -> Result<ScoreContext, Error> {
    score_context_counted(data, None, positive)
}

/// [`score_context`], from `counted` (the counts of `data`'s columns by
/// decimal step and class) when there are counts: nothing is sorted.
fn score_context_counted(
    data: &Dataset,
    counted: Option<&ClassCounts>,
    positive: Option<&str>,
) -> Result<ScoreContext, Error> {
    let scores = data
        .score
        .as_ref()
        .ok_or_else(|| Error::file("this file has no score column"))?;
    let k = data.labels.len();
    if k > 2 {
        return Err(Error::file(format!(
            "a score column needs two classes in the true labels, but \"{}\" holds {k}: {}. Choose a predicted-label column instead",
            excerpt(&data.mapping.truth, MAX_QUOTED_CHARS),
            preview_list(&data.labels)
        )));
    }
    let (names, guessed, map) = binary_classes(data, positive)?;
    // Dataset class 0 is positive when it maps to the positive index.
    let class0_positive = map[0] == names.pos_index;
    if let Some(counted) = counted {
        let positive_class = if class0_positive { 0 } else { 1 };
        return ScoreContext::from_class_counts(names, guessed, counted, positive_class);
    }
    if data.scores_by_class {
        let split = with_codes!(&data.truth, |t| rows_of_class_zero(t));
        let (first, second) = scores.split_at(split);
        // Dataset class 0 owns `first`.
        let (pos, neg) = if class0_positive {
            (first, second)
        } else {
            (second, first)
        };
        return ScoreContext::from_sorted(names, guessed, pos, neg);
    }
    let is_positive: Vec<bool> = with_codes!(&data.truth, |t| t
        .iter()
        .map(|&c| map[c.index()] == names.pos_index)
        .collect());
    ScoreContext::new(names, guessed, &is_positive, scores)
}

/// The report on a score file at the threshold (or rank) in `options`.
pub fn finish_score_report(
    data: &Dataset,
    context: &ScoreContext,
    options: &FileReportOptions,
) -> Result<Report, Error> {
    options.report.validate()?;
    let choice = match options.rank {
        Some(r) => ThresholdChoice::Rank(r),
        None => ThresholdChoice::Value(options.threshold),
    };
    let mut report = context.report_resampled(
        &options.report,
        &options.goals,
        choice,
        options.curves,
        &options.resampling,
    )?;
    let threshold = report.score_summary.as_ref().map(|s| s.threshold);
    attach_source(&mut report, data, context.positive_guessed(), threshold);
    Ok(report)
}

/// scikit-learn's labels rule: per-class rows and averages cover the labels
/// present in the true labels or the predictions. A single-class file's
/// binary matrix has a second side (`0` for a file of `1`s) with no
/// examples and no predictions: it is left out of the rows and averages
/// (macro F1 of an all-correct `1` file is 1, not 0.5), and a warning says so.
fn present_labels_only(report: &mut Report, data: &Dataset) {
    let predicted = |j: usize| report.confusion.iter().map(|row| row[j]).sum::<u64>();
    let absent: Vec<usize> = (0..report.labels.len())
        .filter(|&i| report.per_class[i].support == 0 && predicted(i) == 0)
        .collect();
    if absent.is_empty() || report.kind != "binary" {
        return;
    }
    let present: Vec<String> = data.labels.iter().map(|l| format!("\"{l}\"")).collect();
    let names: Vec<String> = absent
        .iter()
        .map(|&i| format!("\"{}\"", report.labels[i]))
        .collect();
    let named_absent = absent
        .iter()
        .any(|&i| Some(&report.labels[i]) == report.pos_label.as_ref());
    report.per_class = std::mem::take(&mut report.per_class)
        .into_iter()
        .enumerate()
        .filter(|(i, _)| !absent.contains(i))
        .map(|(_, row)| row)
        .collect();
    report.averages = averages(&report.per_class, &report.confusion);
    let mut message = format!(
        "Only {} occurs in this file (true labels and predictions): {} has no examples and is never predicted, so the per-class rows and the averages cover {} alone, as scikit-learn does.",
        present.join(", "),
        names.join(", "),
        present.join(", ")
    );
    if named_absent {
        message.push_str(" The positive class you named does not occur in the file: check its spelling; with no positives, recall and the other rates of positives are undefined.");
    }
    report.warnings.push(Warning {
        id: WarningId::SingleClass,
        severity: Severity::Medium,
        message,
    });
}

/// Adds where the numbers came from, and the file-level warnings.
fn attach_source(
    report: &mut Report,
    data: &Dataset,
    positive_guessed: bool,
    threshold: Option<f64>,
) {
    present_labels_only(report, data);
    if positive_guessed {
        report.warnings.push(Warning {
            id: WarningId::PositiveLabelGuess,
            severity: Severity::Medium,
            message: format!(
                "Neither label reads as the positive class, so \"{}\" (the one that sorts last) was taken as positive. Choose the positive label if that is wrong: precision, recall and the verdict depend on it.",
                report.pos_label.clone().unwrap_or_default()
            ),
        });
    }
    // What the reader noticed (a repeated header, labels differing only by case).
    report
        .warnings
        .extend(data.notes.iter().map(|note| Warning {
            id: match note.kind {
                NoteKind::RepeatedHeader => WarningId::RepeatedHeader,
                NoteKind::SimilarLabels => WarningId::SimilarLabels,
            },
            severity: Severity::Medium,
            message: note.message.clone(),
        }));
    if data.skipped > 0 {
        report.warnings.insert(
            0,
            Warning {
                id: WarningId::SkippedRows,
                severity: Severity::High,
                message: format!(
                    "{} bad row{} skipped; the numbers cover the other {}. First skipped: {}.",
                    data.skipped,
                    if data.skipped == 1 { " was" } else { "s were" },
                    data.rows,
                    data.skipped_samples
                        .iter()
                        .map(|s| s.message.clone())
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
            },
        );
    }
    report.source = Some(SourceInfo {
        rows: data.rows,
        skipped_rows: data.skipped,
        skipped_samples: data.skipped_samples.clone(),
        columns: data.columns.clone(),
        truth_column: data.mapping.truth.clone(),
        pred_column: data.mapping.pred.clone(),
        score_column: data.mapping.score.clone(),
        mapping_guessed: data.mapping.guessed,
        delimiter: match data.delimiter {
            b'\t' => "tab".to_string(),
            d => (d as char).to_string(),
        },
        has_header: data.has_header,
        label_rule: if data.numeric_labels {
            "numeric"
        } else {
            "text"
        },
        threshold,
        positive_guessed,
        all_labels: data.labels.clone(),
    });
}

fn preview_list(labels: &[String]) -> String {
    let shown: Vec<String> = labels
        .iter()
        .take(5)
        .map(|l| format!("\"{}\"", excerpt(l, MAX_QUOTED_CHARS)))
        .collect();
    if labels.len() > 5 {
        format!("{}, …", shown.join(", "))
    } else {
        shown.join(", ")
    }
}

/// Counts from predicted labels: `map` sends a dataset class to 0/1.
/// Generic over the code widths: it runs on narrow codes as they are.
fn label_counts<T: Code, P: Code>(truth: &[T], pred: &[P], map: &[usize], pos: usize) -> [u64; 4] {
    // Indexed by (true is positive, predicted is positive).
    let mut cells = [0u64; 4];
    let is_pos: Vec<usize> = map.iter().map(|&b| usize::from(b == pos)).collect();
    for (&t, &p) in truth.iter().zip(pred) {
        cells[is_pos[t.index()] * 2 + is_pos[p.index()]] += 1;
    }
    // [tn, fp, fn, tp] → tp, fn, fp, tn
    [cells[3], cells[2], cells[1], cells[0]]
}

/// The `k` × `k` confusion matrix (rows: true class, columns: predicted
/// class) of two code columns, of either width.
fn confusion_matrix<T: Code, P: Code>(truth: &[T], pred: &[P], k: usize) -> Vec<Vec<u64>> {
    if k <= 256 {
        // Every code is below k, so it fits a byte: one flat table indexed
        // by the pair, with no bounds check per row (the masks let the
        // compiler see every index is in range). 10M rows, wasm in Node
        // (`node --cpu-prof`): 30–48 → 13–21 ms.
        let mut cells = vec![0u64; 1 << 16];
        for (&t, &p) in truth.iter().zip(pred) {
            cells[(t.index() & 0xff) << 8 | (p.index() & 0xff)] += 1;
        }
        return (0..k)
            .map(|t| cells[t << 8..(t << 8) + k].to_vec())
            .collect();
    }
    let mut matrix = vec![vec![0u64; k]; k];
    for (&t, &p) in truth.iter().zip(pred) {
        matrix[t.index()][p.index()] += 1;
    }
    matrix
}

fn checked([tp, fn_, fp, tn]: [u64; 4]) -> Result<ConfusionCounts, Error> {
    ConfusionCounts::new(tp, fn_, fp, tn)
}

/// A file (or the demo) read into columns, ready for any number of reports.
/// For score files the sorted curve is kept for the last positive class
/// asked for, so a new threshold costs a binary search, not a sort.
pub struct LoadedData {
    data: Dataset,
    /// The binary score column counted by decimal step and class, when its
    /// scores allow it ([`crate::metrics::decimal_sort`]): every score
    /// report is then made from the counts, and the columns stay in file
    /// order.
    counted: Option<ClassCounts>,
    scores: Option<(Option<String>, ScoreContext)>,
}

impl LoadedData {
    /// Takes the columns. A binary score column is counted by decimal step
    /// and class when it can be, and otherwise sorted in place by class
    /// ([`sort_scores_by_class`]).
    ///
    /// Counted columns are not written back sorted: the reports read the
    /// counts, which hold all the sorted column does (on 10M rows that
    /// skips a write of 120 MB: the page's finish went from 182 to 155 ms,
    /// the wasm in Node, medians of 7 alternated). The counts are kept
    /// (8 MB for six-decimal probabilities: the page's memory after a
    /// report went from 145 to 152 MB) so that another positive class
    /// needs no second count.
    pub fn new(mut data: Dataset) -> Self {
        let counted = count_scores_by_class(&data);
        if counted.is_none() {
            sort_scores_by_class_counting_first(&mut data, false);
        }
        LoadedData {
            data,
            counted,
            scores: None,
        }
    }

    /// The columns.
    pub fn data(&self) -> &Dataset {
        &self.data
    }

    /// The report at these options.
    pub fn report(&mut self, options: &FileReportOptions) -> Result<Report, Error> {
        if self.data.score.is_none() {
            return dataset_report(&self.data, options);
        }
        if !matches!(&self.scores, Some((p, _)) if *p == options.positive) {
            let context = score_context_counted(
                &self.data,
                self.counted.as_ref(),
                options.positive.as_deref(),
            )?;
            self.scores = Some((options.positive.clone(), context));
        }
        match &self.scores {
            Some((_, context)) => finish_score_report(&self.data, context, options),
            None => dataset_report(&self.data, options),
        }
    }

    /// A threshold move: the report at these options without the parts a
    /// threshold cannot change (source, operating points, curves,
    /// calibration, histogram), which the page keeps from its last full
    /// report. On a score file nothing is sorted again: one binary search
    /// and the metrics of four counts.
    pub fn threshold_move(&mut self, options: &FileReportOptions) -> Result<Report, Error> {
        let options = FileReportOptions {
            curves: CurveDetail::None,
            ..options.clone()
        };
        let mut report = self.report(&options)?;
        report.source = None;
        report.operating_points = None;
        report.curves = None;
        if let Some(summary) = report.score_summary.as_mut() {
            summary.calibration = None;
            summary.histogram = None;
        }
        Ok(report)
    }
}
