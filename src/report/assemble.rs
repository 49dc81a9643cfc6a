//! Assembly, the last step of every report: the numbers of `metrics/` and
//! the words of `report/` (explanations, warnings, verdict) put into one
//! [`Report`]. Binary, multiclass and score reports all end in the same
//! function (`assemble`, private), so the maps of metrics, intervals and
//! undefined values, the significance test and the shares are built once.

use crate::error::Error;
use crate::input::counts::ConfusionCounts;
use crate::metrics::binary::{binary_metric, binary_numbers};
use crate::metrics::bootstrap::matrix::{matrix_bootstrap, MatrixStat};
use crate::metrics::bootstrap::{matrix_method_text, Resampling};
use crate::metrics::confused::{most_confused, CONFUSED_PAIRS};
use crate::metrics::id::{Metric, MetricId};
use crate::metrics::multiclass::multiclass_numbers;
use crate::metrics::numbers::ReportNumbers;
use crate::metrics::per_class::{averages, matrix_shares};
use crate::metrics::scores::ScoreNumbers;
use crate::metrics::short_sort::sort_short_by_key;
use crate::options::ReportOptions;
use crate::report::contract::{
    BinaryLabels, ConfusedPair, ConfusedPairs, CountsJson, OrderedMap, Report, Significance,
};
use crate::report::explain::{explain_binary, explain_multiclass, explain_score, Explanation};
use crate::report::multiclass_warnings::{multiclass_warnings, MulticlassEvidence};
use crate::report::score_warnings::score_warnings;
use crate::report::verdict::{binary_verdict, multiclass_verdict, Verdict};
use crate::report::warnings::{
    binary_warnings, sort_by_severity, undefined_metrics, BinaryEvidence, Warning, WarningId,
};

/// The test behind `significance.accuracy_p_value`, in words.
pub const SIGNIFICANCE_TEST: &str =
    "one-sided exact binomial test that accuracy exceeds the no-information rate (as R's caret)";

/// The method of the ROC AUC interval, in words.
pub const DELONG_METHOD: &str =
    "DeLong, 95% (as pROC's ci.auc): AUC ± z·√(S10/m + S01/n), clipped to [0, 1]";

/// Largest `classes² × resamples` for which a multiclass report bootstraps
/// MCC (31 classes at the default 2,000 resamples: about 2 million binomial
/// draws, tens of milliseconds); larger matrices get no MCC interval.
pub const MULTICLASS_BOOTSTRAP_MAX_WORK: u64 = 2_000_000;

/// An interval computed outside the counts (the score metrics'), with its method.
pub type ExtraInterval = (MetricId, (f64, f64), String);

/// The words of a report.
struct Words {
    warnings: Vec<Warning>,
    verdict: Verdict,
    explanations: Vec<(MetricId, Explanation)>,
}

/// What differs between the layouts of the contract.
enum Layout {
    /// Two classes: the positive label and the four counts.
    Binary {
        pos_label: String,
        counts: CountsJson,
    },
    /// More than two classes.
    Multiclass,
}

/// Builds the full binary report for four counts.
///
/// ```
/// use fitcheck::{binary_report, ConfusionCounts, ReportOptions};
/// let c = ConfusionCounts::new(85, 15, 10, 90).unwrap();
/// let r = binary_report(&c, &ReportOptions::default()).unwrap();
/// assert_eq!(r.confusion, vec![vec![90, 10], vec![15, 85]]);
/// assert_eq!(r.metric("recall"), Some(0.85));
/// ```
pub fn binary_report(counts: &ConfusionCounts, options: &ReportOptions) -> Result<Report, Error> {
    binary_report_labeled(counts, options, &BinaryLabels::default())
}

/// Builds the full binary report for four counts with these class names.
pub fn binary_report_labeled(
    counts: &ConfusionCounts,
    options: &ReportOptions,
    names: &BinaryLabels,
) -> Result<Report, Error> {
    binary_report_resampled(counts, options, names, &Resampling::default())
}

/// [`binary_report`] with the bootstrap's resamples and seed (the F1 and MCC
/// intervals), as the settings give them.
pub fn binary_report_resampled(
    counts: &ConfusionCounts,
    options: &ReportOptions,
    names: &BinaryLabels,
    resampling: &Resampling,
) -> Result<Report, Error> {
    let parts = binary_parts(counts, options, names, resampling)?;
    Ok(binary_assemble(
        counts,
        options,
        names,
        parts,
        &[],
        resampling,
    ))
}

/// The binary report at one threshold of a scores file: the report of the
/// counts there, plus the threshold-free score metrics with their
/// explanations and warnings. Curves, operating points and the score
/// summary are the caller's (`score_report.rs`).
/// `score_intervals` are the score metrics' intervals with their methods.
pub fn binary_report_with_scores(
    counts: &ConfusionCounts,
    options: &ReportOptions,
    names: &BinaryLabels,
    scores: &ScoreNumbers,
    score_intervals: &[ExtraInterval],
    resampling: &Resampling,
) -> Result<Report, Error> {
    let mut parts = binary_parts(counts, options, names, resampling)?;
    add_scores(&mut parts, scores, score_intervals);
    Ok(binary_assemble(
        counts,
        options,
        names,
        parts,
        score_intervals,
        resampling,
    ))
}

/// F1 and MCC intervals of four counts: each true class's row of the
/// matrix redrawn multinomially (the stratified bootstrap; from the counts
/// alone, the parametric bootstrap), the metric recomputed by the same
/// function as the report's.
fn binary_bootstrap_intervals(
    c: &ConfusionCounts,
    beta: f64,
    resampling: &Resampling,
) -> Vec<(MetricId, (f64, f64))> {
    // Rows: true positives' (tp, fn), true negatives' (fp, tn).
    let matrix = vec![vec![c.tp, c.fn_], vec![c.fp, c.tn]];
    let counts = |m: &[Vec<u64>]| ConfusionCounts {
        tp: m[0][0],
        fn_: m[0][1],
        fp: m[1][0],
        tn: m[1][1],
    };
    let ids = [MetricId::F1, MetricId::Mcc];
    let f1 = |m: &[Vec<u64>]| binary_metric(MetricId::F1, &counts(m), beta).ok();
    // MCC straight from the matrix (the function binary_metric calls).
    let mcc = |m: &[Vec<u64>]| crate::metrics::agreement::mcc(m).ok();
    let stats: [MatrixStat; 2] = [&f1, &mcc];
    ids.into_iter()
        .zip(matrix_bootstrap(&matrix, resampling, &stats))
        .filter_map(|(id, iv)| iv.ok().map(|iv| (id, (iv.ci[0], iv.ci[1]))))
        .collect()
}

/// The method behind each interval of a report, in words: Wilson's for the
/// proportions, the bootstrap for F1 and MCC, and the score metrics' own.
fn interval_methods(
    numbers: &ReportNumbers,
    extra: &[ExtraInterval],
    resampling: &Resampling,
) -> Vec<(MetricId, String)> {
    numbers
        .intervals
        .iter()
        .map(|(id, _)| {
            let method = match extra.iter().find(|e| e.0 == *id) {
                Some(e) => e.2.clone(),
                None if matches!(id, MetricId::F1 | MetricId::Mcc) => {
                    matrix_method_text(resampling, false)
                }
                None => crate::metrics::intervals::METHOD.to_string(),
            };
            (*id, method)
        })
        .collect()
}

/// Names each explained metric's interval method (none without an interval).
fn name_methods(explanations: &mut [(MetricId, Explanation)], methods: &[(MetricId, String)]) {
    for (id, e) in explanations {
        e.interval_method = methods
            .iter()
            .find(|(m, _)| m == id)
            .map(|(_, how)| how.clone());
    }
}

/// A binary report's numbers and words from the counts alone, before any
/// score metric is added and before assembly. The counts report and the
/// score report each call the steps they need (binary_parts, add_scores,
/// binary_assemble) rather than one function taking optional scores, so
/// that a build that makes only counts reports (the page's own wasm core)
/// links none of the score code.
struct BinaryParts {
    labels: Vec<String>,
    confusion: Vec<Vec<u64>>,
    numbers: ReportNumbers,
    warnings: Vec<Warning>,
    verdict: Verdict,
    explanations: Vec<(MetricId, Explanation)>,
}

/// The numbers and words of four counts.
fn binary_parts(
    c: &ConfusionCounts,
    options: &ReportOptions,
    names: &BinaryLabels,
    resampling: &Resampling,
) -> Result<BinaryParts, Error> {
    options.validate()?;
    let labels = names.labels.to_vec();
    let confusion = names.matrix(c);
    let mut numbers = binary_numbers(c, options.beta, &labels, &confusion);
    numbers
        .intervals
        .extend(binary_bootstrap_intervals(c, options.beta, resampling));
    let warnings = binary_warnings(&BinaryEvidence {
        counts: c,
        numbers: &numbers,
        options,
    });
    let verdict = binary_verdict(c, &|id| numbers.value(id), options, &warnings);
    let explanations: Vec<(MetricId, Explanation)> = numbers
        .metrics
        .iter()
        .filter_map(|m| {
            let has_interval = numbers.interval(m.id).is_some();
            Some((
                m.id,
                explain_binary(m.id, c, &m.value, options.beta, has_interval)?,
            ))
        })
        .collect();
    Ok(BinaryParts {
        labels,
        confusion,
        numbers,
        warnings,
        verdict,
        explanations,
    })
}

/// Adds the threshold-free score metrics, their intervals, explanations and
/// warnings to the counts' parts.
fn add_scores(parts: &mut BinaryParts, s: &ScoreNumbers, score_intervals: &[ExtraInterval]) {
    let BinaryParts {
        numbers,
        warnings,
        explanations,
        ..
    } = parts;
    numbers
        .intervals
        .extend(score_intervals.iter().map(|(id, iv, _)| (*id, *iv)));
    let distinct = s.curve.len();
    numbers.metrics.extend(s.metrics.iter().cloned());
    explanations.extend(
        s.metrics
            .iter()
            .filter_map(|m| Some((m.id, explain_score(m.id, &m.value, distinct)?))),
    );
    // One undefined_metric warning over every metric; it goes after the
    // other count warnings of its severity, then come the score warnings.
    warnings.retain(|w| w.id != WarningId::UndefinedMetric);
    warnings.extend(undefined_metrics(&numbers.metrics));
    warnings.extend(score_warnings(s));
    sort_by_severity(warnings);
}

/// Names the intervals' methods and assembles the binary report.
fn binary_assemble(
    c: &ConfusionCounts,
    options: &ReportOptions,
    names: &BinaryLabels,
    parts: BinaryParts,
    extra: &[ExtraInterval],
    resampling: &Resampling,
) -> Report {
    let BinaryParts {
        labels,
        confusion,
        numbers,
        warnings,
        verdict,
        mut explanations,
    } = parts;
    name_methods(
        &mut explanations,
        &interval_methods(&numbers, extra, resampling),
    );
    let layout = Layout::Binary {
        pos_label: names.labels[names.pos_index].clone(),
        counts: CountsJson {
            tp: c.tp,
            fn_: c.fn_,
            fp: c.fp,
            tn: c.tn,
        },
    };
    let words = Words {
        warnings,
        verdict,
        explanations,
    };
    assemble(layout, labels, confusion, numbers, words, options)
}

/// Builds the report for a square confusion matrix over `labels`
/// (rows true, columns predicted, labels sorted as scikit-learn sorts).
pub fn multiclass_report(
    labels: &[String],
    matrix: Vec<Vec<u64>>,
    options: &ReportOptions,
) -> Result<Report, Error> {
    multiclass_report_resampled(labels, matrix, options, &Resampling::default())
}

/// [`multiclass_report`] with the bootstrap's resamples and seed (the MCC
/// interval, given when classes² × resamples is at most
/// [`MULTICLASS_BOOTSTRAP_MAX_WORK`]).
pub fn multiclass_report_resampled(
    labels: &[String],
    matrix: Vec<Vec<u64>>,
    options: &ReportOptions,
    resampling: &Resampling,
) -> Result<Report, Error> {
    options.validate()?;
    let (mut numbers, totals) = multiclass_numbers(labels, &matrix);
    let k = matrix.len() as u64;
    if k * k * resampling.resamples as u64 <= MULTICLASS_BOOTSTRAP_MAX_WORK {
        let mcc = |m: &[Vec<u64>]| crate::metrics::agreement::mcc(m).ok();
        if let Some(Ok(iv)) = matrix_bootstrap(&matrix, resampling, &[&mcc]).pop() {
            numbers
                .intervals
                .push((MetricId::Mcc, (iv.ci[0], iv.ci[1])));
        }
    }
    let warnings = multiclass_warnings(&MulticlassEvidence {
        labels,
        numbers: &numbers,
        totals: &totals,
        options,
    });
    let verdict = multiclass_verdict(&numbers.per_class, options, &warnings);
    let mut explanations: Vec<(MetricId, Explanation)> = numbers
        .metrics
        .iter()
        .filter_map(|m| {
            let has_interval = numbers.interval(m.id).is_some();
            let e = explain_multiclass(m.id, &m.value, &numbers.per_class, &totals, has_interval)?;
            Some((m.id, e))
        })
        .collect();
    name_methods(
        &mut explanations,
        &interval_methods(&numbers, &[], resampling),
    );
    let words = Words {
        warnings,
        verdict,
        explanations,
    };
    Ok(assemble(
        Layout::Multiclass,
        labels.to_vec(),
        matrix,
        numbers,
        words,
        options,
    ))
}

/// Puts numbers and words into the contract's shape.
fn assemble(
    layout: Layout,
    labels: Vec<String>,
    confusion: Vec<Vec<u64>>,
    numbers: ReportNumbers,
    words: Words,
    options: &ReportOptions,
) -> Report {
    let (kind, pos_label, counts) = match layout {
        Layout::Binary { pos_label, counts } => ("binary", Some(pos_label), Some(counts)),
        Layout::Multiclass => ("multiclass", None, None),
    };
    let (confusion_row_share, confusion_col_share) = matrix_shares(&confusion);
    let confused_pairs = (kind == "multiclass").then(|| {
        let (top, pairs_with_mistakes) = most_confused(&confusion, CONFUSED_PAIRS);
        ConfusedPairs {
            pairs: top
                .into_iter()
                .map(|(count, t, p)| ConfusedPair {
                    truth: labels[t].clone(),
                    predicted: labels[p].clone(),
                    count,
                    share_of_truth: confusion_row_share[t][p],
                })
                .collect(),
            pairs_with_mistakes,
        }
    });
    let averages = averages(&numbers.per_class, &confusion);
    // Intervals in the order of the metrics.
    let position = |id: MetricId| numbers.metrics.iter().position(|m| m.id == id);
    let mut intervals = numbers.intervals.clone();
    sort_short_by_key(&mut intervals, |(id, _)| position(*id));
    let keyed = |m: &Metric| (m.id.to_string(), m.value.clone().ok());
    Report {
        kind,
        n: numbers.n,
        pos_label,
        labels,
        confusion,
        confusion_row_share,
        confusion_col_share,
        counts,
        metrics: OrderedMap(numbers.metrics.iter().map(keyed).collect()),
        intervals: OrderedMap(
            intervals
                .iter()
                .map(|(id, (lo, hi))| (id.to_string(), [*lo, *hi]))
                .collect(),
        ),
        undefined: OrderedMap(
            numbers
                .metrics
                .iter()
                .filter_map(|m| {
                    let why = m.value.as_ref().err()?;
                    Some((m.id.to_string(), why.0.clone()))
                })
                .collect(),
        ),
        per_class: numbers.per_class,
        averages,
        significance: Significance {
            no_information_rate: numbers.no_information_rate,
            accuracy_p_value: numbers.accuracy_p_value,
            test: SIGNIFICANCE_TEST,
        },
        warnings: words.warnings,
        explanations: OrderedMap(
            words
                .explanations
                .into_iter()
                .map(|(id, e)| (id.to_string(), e))
                .collect(),
        ),
        verdict: words.verdict,
        options: *options,
        source: None,
        operating_points: None,
        curves: None,
        score_summary: None,
        confused_pairs,
    }
}
