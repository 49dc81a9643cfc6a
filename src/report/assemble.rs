//! Assembly, the last step of every report: the numbers of `metrics/` and
//! the words of `report/` (explanations, warnings, verdict) put into one
//! [`Report`]. Binary, multiclass and score reports all end in the same
//! function (`assemble`, private), so the maps of metrics, intervals and
//! undefined values, the significance test and the shares are built once.

use crate::error::Error;
use crate::input::counts::ConfusionCounts;
use crate::metrics::binary::binary_numbers;
use crate::metrics::confused::{most_confused, CONFUSED_PAIRS};
use crate::metrics::id::{Metric, MetricId};
use crate::metrics::multiclass::multiclass_numbers;
use crate::metrics::numbers::ReportNumbers;
use crate::metrics::per_class::{averages, matrix_shares};
use crate::metrics::scores::ScoreNumbers;
use crate::options::ReportOptions;
use crate::report::contract::{
    BinaryLabels, ConfusedPair, ConfusedPairs, CountsJson, OrderedMap, Report, Significance,
};
use crate::report::explain::{explain_binary, explain_multiclass, explain_score, Explanation};
use crate::report::multiclass_warnings::{multiclass_warnings, MulticlassEvidence};
use crate::report::score_warnings::score_warnings;
use crate::report::verdict::{binary_verdict, multiclass_verdict, Verdict};
use crate::report::warnings::{
    binary_warnings, undefined_metrics, BinaryEvidence, Warning, WarningId,
};

/// The test behind `significance.accuracy_p_value`, in words.
pub const SIGNIFICANCE_TEST: &str =
    "one-sided exact binomial test that accuracy exceeds the no-information rate (as R's caret)";

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
    binary_with_scores(counts, options, names, None)
}

/// The binary report at one threshold of a scores file: the report of the
/// counts there, plus the threshold-free score metrics with their
/// explanations and warnings. Curves, operating points and the score
/// summary are the caller's (`score_report.rs`).
pub fn binary_report_with_scores(
    counts: &ConfusionCounts,
    options: &ReportOptions,
    names: &BinaryLabels,
    scores: &ScoreNumbers,
) -> Result<Report, Error> {
    binary_with_scores(counts, options, names, Some(scores))
}

fn binary_with_scores(
    c: &ConfusionCounts,
    options: &ReportOptions,
    names: &BinaryLabels,
    scores: Option<&ScoreNumbers>,
) -> Result<Report, Error> {
    options.validate()?;
    let labels = names.labels.to_vec();
    let confusion = names.matrix(c);
    let mut numbers = binary_numbers(c, options.beta, &labels, &confusion);
    let mut warnings = binary_warnings(&BinaryEvidence {
        counts: c,
        numbers: &numbers,
        options,
    });
    let verdict = binary_verdict(c, &|id| numbers.value(id), options, &warnings);
    let mut explanations: Vec<(MetricId, Explanation)> = numbers
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
    if let Some(s) = scores {
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
        warnings.sort_by_key(|w| std::cmp::Reverse(w.severity));
    }
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
    Ok(assemble(layout, labels, confusion, numbers, words, options))
}

/// Builds the report for a square confusion matrix over `labels`
/// (rows true, columns predicted, labels sorted as scikit-learn sorts).
pub fn multiclass_report(
    labels: &[String],
    matrix: Vec<Vec<u64>>,
    options: &ReportOptions,
) -> Result<Report, Error> {
    options.validate()?;
    let (numbers, totals) = multiclass_numbers(labels, &matrix);
    let warnings = multiclass_warnings(&MulticlassEvidence {
        labels,
        numbers: &numbers,
        totals: &totals,
        options,
    });
    let verdict = multiclass_verdict(&numbers.per_class, options, &warnings);
    let explanations = numbers
        .metrics
        .iter()
        .filter_map(|m| {
            let has_interval = numbers.interval(m.id).is_some();
            let e = explain_multiclass(m.id, &m.value, &numbers.per_class, &totals, has_interval)?;
            Some((m.id, e))
        })
        .collect();
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
            numbers
                .intervals
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
