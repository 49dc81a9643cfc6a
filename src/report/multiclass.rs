//! Reports on more than two classes: the N×N confusion matrix, a per-class
//! table like scikit-learn's `classification_report`, macro, weighted and
//! micro averages, and accuracy, balanced accuracy, MCC and Cohen's kappa —
//! with explanations, warnings (weak classes, classes never predicted,
//! imbalance) and a verdict judged on the macro averages.

use crate::error::Error;
use crate::format::{capitalize, count, percent, value2, value4};
use crate::metrics::agreement::{cohen_kappa, mcc};
use crate::metrics::divide::{divide, mean, MetricValue, Undefined};
use crate::metrics::id::{value_of, Metric, MetricId};
use crate::metrics::intervals::wilson;
use crate::metrics::per_class::{averages, class_rows, ClassRow};
use crate::metrics::significance::accuracy_above_rate_p_value;
use crate::options::{ReportOptions, Task};
use crate::report::contract::{matrix_shares, OrderedMap, Report, Significance};
use crate::report::explain::Explanation;
use crate::report::verdict::{after_shortfall, required, Judged, Status, Verdict};
use crate::report::warnings::{
    p_value_text, severity_for, undefined_metrics, Severity, Warning, MAX_CONCLUSIVE_WIDTH,
};

/// Classes with fewer true examples than this are called out as too small.
pub const SMALL_CLASS: u64 = 10;

struct Totals {
    n: u64,
    correct: u64,
    support: Vec<u64>,
    predicted: Vec<u64>,
}

fn totals(matrix: &[Vec<u64>]) -> Totals {
    let k = matrix.len();
    Totals {
        n: matrix.iter().flatten().sum(),
        correct: (0..k).map(|i| matrix[i][i]).sum(),
        support: matrix.iter().map(|r| r.iter().sum()).collect(),
        predicted: (0..k).map(|j| matrix.iter().map(|r| r[j]).sum()).collect(),
    }
}

fn metric_value(id: MetricId, matrix: &[Vec<u64>], rows: &[ClassRow], t: &Totals) -> MetricValue {
    use MetricId::*;
    const NONE: &str = "there are no examples";
    match id {
        Accuracy => divide(t.correct.into(), t.n.into(), NONE),
        BalancedAccuracy => {
            // scikit-learn: mean recall over the classes present in the truth.
            let recalls: Vec<f64> = rows.iter().filter_map(|r| r.recall).collect();
            mean(&recalls, NONE)
        }
        Mcc => mcc(matrix),
        CohenKappa => cohen_kappa(matrix),
        NoInformationRate => divide(
            (*t.support.iter().max().unwrap_or(&0)).into(),
            t.n.into(),
            NONE,
        ),
        ErrorRate | Precision | Recall | F1 | Fbeta | Specificity | Npv | Fpr | Fnr | Fdr
        | FalseOmissionRate | Prevalence | Informedness | Markedness | LrPlus | LrMinus | Dor
        | Jaccard | FowlkesMallows | GMean | RocAuc | AveragePrecision | LogLoss | BrierScore => {
            Err(Undefined(format!(
                "{} is not a whole-matrix multiclass metric",
                id.id()
            )))
        }
    }
}

fn explain(
    id: MetricId,
    value: &MetricValue,
    rows: &[ClassRow],
    t: &Totals,
) -> Option<Explanation> {
    use MetricId::*;
    let v = value4(value.as_ref().ok().copied());
    let pct = value.as_ref().map(|x| percent(*x)).unwrap_or_default();
    let (formula, meaning, when) = match id {
        Accuracy => (
            format!("accuracy = correct / N = {} / {} = {v}", count(t.correct), count(t.n)),
            format!("The model picks the right class for {pct} of the examples: {} of {}.", count(t.correct), count(t.n)),
            "A fair summary only when classes are about equally common; otherwise look at balanced accuracy and the per-class table.",
        ),
        BalancedAccuracy => {
            let present: Vec<String> = rows.iter().filter_map(|r| r.recall.map(|x| format!("{x:.4}"))).collect();
            let shown = if present.len() <= 6 { present.join(" + ") } else { format!("{} + … ({} classes)", present[..3].join(" + "), present.len()) };
            (
                format!("balanced accuracy = mean recall per class = ({shown}) / {} = {v}", present.len()),
                "The average hit rate over classes, so a large class cannot hide a weak small one.".to_string(),
                "Prefer it to accuracy when classes are imbalanced (as scikit-learn, classes absent from the truth are left out).",
            )
        }
        Mcc => (
            format!("MCC = (c·s − Σ t_k·p_k) / √((s² − Σ p_k²)(s² − Σ t_k²)) = {v}"),
            "Correlation between truth and prediction over all classes: 0 is chance, 1 is perfect.".to_string(),
            "A single honest number on imbalanced multiclass data.",
        ),
        CohenKappa => (
            format!("κ = (p_o − p_e) / (1 − p_e) = {v}"),
            "Agreement with the truth beyond what chance would give with the same class frequencies: 0 is chance, 1 is perfect.".to_string(),
            "Useful when comparing the model with a human annotator.",
        ),
        NoInformationRate => (
            format!("NIR = largest class / N = {} / {} = {v}", count(*t.support.iter().max().unwrap_or(&0)), count(t.n)),
            format!("Always guessing the most common class would already be right {pct} of the time."),
            "The bar accuracy must clear to mean anything.",
        ),
        ErrorRate | Precision | Recall | F1 | Fbeta | Specificity | Npv | Fpr | Fnr | Fdr
        | FalseOmissionRate | Prevalence | Informedness | Markedness | LrPlus | LrMinus | Dor
        | Jaccard | FowlkesMallows | GMean | RocAuc | AveragePrecision | LogLoss | BrierScore => {
            return None
        }
    };
    Some(Explanation::assemble(
        id,
        value,
        formula,
        meaning,
        when,
        id == Accuracy && value.is_ok(),
    ))
}

fn warnings(
    labels: &[String],
    rows: &[ClassRow],
    t: &Totals,
    metrics: &[Metric],
    p_value: Option<f64>,
    interval: Option<(f64, f64)>,
    options: &ReportOptions,
) -> Vec<Warning> {
    let value = |id: MetricId| value_of(metrics, id);
    let mut out = Vec::new();
    // Imbalance that makes accuracy misleading.
    if let (Some(acc), Some(nir)) = (
        value(MetricId::Accuracy),
        value(MetricId::NoInformationRate),
    ) {
        let bal = value(MetricId::BalancedAccuracy);
        let not_better = acc <= nir || p_value.is_some_and(|p| p >= 0.05);
        let biggest = t
            .support
            .iter()
            .enumerate()
            .max_by_key(|(_, s)| **s)
            .map(|(i, _)| labels[i].clone())
            .unwrap_or_default();
        if nir >= 0.5 && not_better {
            out.push(Warning {
                id: "accuracy_paradox",
                severity: Severity::High,
                message: format!(
                    "Accuracy {} is no better than always predicting \"{biggest}\", which would score {} (p = {} that accuracy beats it). Judge the model by balanced accuracy, macro F1 and the per-class table.",
                    value4(Some(acc)), value4(Some(nir)), p_value.map(p_value_text).unwrap_or_else(|| "not available".into())
                ),
            });
        } else if let Some(bal) = bal.filter(|b| *b <= acc - 0.15) {
            out.push(Warning {
                id: "accuracy_paradox",
                severity: Severity::High,
                message: format!(
                    "Imbalance makes accuracy misleading: accuracy is {} but balanced accuracy only {}; \"{biggest}\" alone is {} of the data and carries the score.",
                    value4(Some(acc)), value4(Some(bal)), percent(nir)
                ),
            });
        }
    }
    let never: Vec<String> = rows
        .iter()
        .enumerate()
        .filter(|(i, r)| t.predicted[*i] == 0 && r.support > 0)
        .map(|(_, r)| {
            format!(
                "\"{}\" ({} example{})",
                r.label,
                count(r.support),
                if r.support == 1 { "" } else { "s" }
            )
        })
        .collect();
    if !never.is_empty() {
        out.push(Warning {
            id: "never_predicted",
            severity: Severity::High,
            message: format!("The model never predicts {}: every one of those examples is missed, and the precision of those classes is undefined.", never.join(", ")),
        });
    }
    if t.predicted.iter().filter(|&&p| p > 0).count() == 1 {
        let only = t
            .predicted
            .iter()
            .position(|&p| p > 0)
            .map(|i| labels[i].clone())
            .unwrap_or_default();
        out.push(Warning {
            id: "degenerate",
            severity: Severity::High,
            message: format!("The model predicts \"{only}\" for every example: it behaves like a constant, not a classifier."),
        });
    }
    let mut weak: Vec<&ClassRow> = rows
        .iter()
        .filter(|r| r.support > 0 && r.f1.unwrap_or(0.0) < options.thresholds.min_f1)
        .collect();
    weak.sort_by(|a, b| a.f1.unwrap_or(0.0).total_cmp(&b.f1.unwrap_or(0.0)));
    if !weak.is_empty() {
        let shown: Vec<String> = weak
            .iter()
            .take(3)
            .map(|r| {
                format!(
                    "\"{}\" F1 {} (precision {}, recall {}, {} examples)",
                    r.label,
                    value4(r.f1),
                    value4(r.precision),
                    value4(r.recall),
                    count(r.support)
                )
            })
            .collect();
        out.push(Warning {
            id: "weak_class",
            severity: Severity::Medium,
            message: format!(
                "{} of {} classes fall below the F1 bar of {}; the weakest: {}.",
                weak.len(),
                rows.len(),
                value2(options.thresholds.min_f1),
                shown.join("; ")
            ),
        });
    }
    let avg = averages(rows, &[]);
    if avg.macro_avg.recall < options.thresholds.min_recall {
        let sev = severity_for(options.task, Task::MissesCostly);
        out.push(Warning { id: "low_recall", severity: sev, message: format!("Macro-averaged recall {} is below the {} bar: on an average class the model misses {}.", value4(Some(avg.macro_avg.recall)), value2(options.thresholds.min_recall), percent(1.0 - avg.macro_avg.recall)) });
    }
    if avg.macro_avg.precision < options.thresholds.min_precision {
        let sev = severity_for(options.task, Task::FalseAlarmsCostly);
        out.push(Warning { id: "low_precision", severity: sev, message: format!("Macro-averaged precision {} is below the {} bar: on an average class {} of its predictions are wrong.", value4(Some(avg.macro_avg.precision)), value2(options.thresholds.min_precision), percent(1.0 - avg.macro_avg.precision)) });
    }
    let mut per_class_undefined: Vec<Metric> = Vec::new();
    for r in rows {
        if r.precision.is_none() {
            per_class_undefined.push(Metric {
                id: MetricId::Precision,
                value: Err(Undefined(format!(
                    "class \"{}\" is never predicted",
                    r.label
                ))),
            });
        }
        if r.recall.is_none() {
            per_class_undefined.push(Metric {
                id: MetricId::Recall,
                value: Err(Undefined(format!(
                    "class \"{}\" never occurs in the truth",
                    r.label
                ))),
            });
        }
    }
    let mut all = metrics.to_vec();
    all.extend(per_class_undefined.iter().cloned());
    if let Some(mut w) = undefined_metrics(&all) {
        if !per_class_undefined.is_empty() {
            w.message.push_str(" Macro and weighted averages count an undefined per-class value as 0, as scikit-learn does by default.");
        }
        out.push(w);
    }
    let small: Vec<String> = rows
        .iter()
        .filter(|r| r.support > 0 && r.support < SMALL_CLASS)
        .map(|r| format!("\"{}\" ({})", r.label, r.support))
        .collect();
    let wide = interval.filter(|(lo, hi)| hi - lo > MAX_CONCLUSIVE_WIDTH);
    if !small.is_empty() || wide.is_some() {
        let mut parts = Vec::new();
        if let Some((lo, hi)) = wide {
            parts.push(format!(
                "accuracy could be anywhere from {} to {} (width {})",
                value2(lo),
                value2(hi),
                value2(hi - lo)
            ));
        }
        if !small.is_empty() {
            parts.push(format!("classes with fewer than {SMALL_CLASS} examples have per-class values that are too noisy to trust: {}", small.join(", ")));
        }
        out.push(Warning {
            id: "small_sample",
            severity: Severity::Medium,
            message: format!("Too few examples to conclude: {}.", parts.join("; ")),
        });
    }
    out.sort_by_key(|w| std::cmp::Reverse(w.severity));
    out
}

fn verdict(rows: &[ClassRow], options: &ReportOptions, warnings: &[Warning]) -> Verdict {
    let avg = averages(rows, &[]).macro_avg;
    let t = options.thresholds;
    let judged = required(options.task);
    let required: Vec<(&str, f64, f64)> = judged
        .iter()
        .map(|&judged| {
            let (name, v) = match judged {
                Judged::F1 => ("macro F1", avg.f1),
                Judged::Precision => ("macro precision", avg.precision),
                Judged::Recall => ("macro recall", avg.recall),
            };
            (name, v, judged.bar(&t))
        })
        .collect();
    let watch = judged[0].metric().id();
    let mut status = Status::Fit;
    let mut reasons = Vec::new();
    let mut worst: Option<(f64, String)> = None;
    for (name, v, bar) in &required {
        if v >= bar {
            reasons.push(format!(
                "{} {} meets the {} bar.",
                capitalize(name),
                value4(Some(*v)),
                value2(*bar)
            ));
        } else {
            let short = bar - v;
            status = after_shortfall(status, short);
            let why = format!(
                "{name} {} is below the {} bar",
                value4(Some(*v)),
                value2(*bar)
            );
            reasons.push(format!("{}.", capitalize(&why)));
            if worst.as_ref().is_none_or(|(s, _)| short > *s) {
                worst = Some((short, why));
            }
        }
    }
    for w in warnings
        .iter()
        .filter(|w| matches!(w.id, "never_predicted" | "degenerate" | "accuracy_paradox"))
    {
        if w.id != "accuracy_paradox" {
            status = Status::NotFit;
        }
        reasons.push(w.message.clone());
    }
    let phrase = options.task.phrase();
    let headline = match status {
        Status::Fit => format!("Fit for a task {phrase}: every class-averaged bar is met."),
        Status::Borderline => format!(
            "Borderline for a task {phrase}: {}.",
            worst.map(|w| w.1).unwrap_or_default()
        ),
        Status::NotFit => format!(
            "Not fit for production {phrase}: {}.",
            worst
                .map(|w| w.1)
                .unwrap_or_else(|| "some classes are never predicted".into())
        ),
    };
    let watch_label = format!(
        "{} {}, bar {}",
        capitalize(required[0].0),
        value4(Some(required[0].1)),
        value2(required[0].2)
    );
    Verdict {
        status,
        task: options.task,
        watch,
        watch_label,
        headline,
        reasons,
    }
}

/// Builds the report for a square confusion matrix over `labels`
/// (rows true, columns predicted, labels sorted as scikit-learn sorts).
pub fn multiclass_report(
    labels: &[String],
    matrix: Vec<Vec<u64>>,
    options: &ReportOptions,
) -> Result<Report, Error> {
    options.validate()?;
    let rows = class_rows(labels, &matrix);
    let t = totals(&matrix);
    let metrics: Vec<Metric> = MetricId::MULTICLASS
        .iter()
        .map(|&id| Metric {
            id,
            value: metric_value(id, &matrix, &rows, &t),
        })
        .collect();
    let interval = wilson(t.correct, t.n);
    let nir = metric_value(MetricId::NoInformationRate, &matrix, &rows, &t).ok();
    let p_value = nir.and_then(|r| accuracy_above_rate_p_value(t.correct, t.n, r));
    let warnings = warnings(labels, &rows, &t, &metrics, p_value, interval, options);
    let verdict = verdict(&rows, options, &warnings);
    let (confusion_row_share, confusion_col_share) = matrix_shares(&matrix);
    let avg = averages(&rows, &matrix);
    Ok(Report {
        kind: "multiclass",
        n: t.n,
        pos_label: None,
        labels: labels.to_vec(),
        counts: None,
        metrics: OrderedMap(metrics.iter().map(|m| (m.id.to_string(), m.value.clone().ok())).collect()),
        intervals: OrderedMap(interval.map(|(lo, hi)| vec![("accuracy".to_string(), [lo, hi])]).unwrap_or_default()),
        undefined: OrderedMap(metrics.iter().filter_map(|m| m.value.as_ref().err().map(|w| (m.id.to_string(), w.0.clone()))).collect()),
        explanations: OrderedMap(metrics.iter().filter_map(|m| Some((m.id.to_string(), explain(m.id, &m.value, &rows, &t)?))).collect()),
        per_class: rows,
        averages: avg,
        significance: Significance {
            no_information_rate: nir,
            accuracy_p_value: p_value,
            test: "one-sided exact binomial test that accuracy exceeds the no-information rate (as R's caret)",
        },
        warnings,
        verdict,
        confusion: matrix,
        confusion_row_share,
        confusion_col_share,
        options: *options,
        source: None,
        operating_points: None,
        curves: None,
        score_summary: None,
    })
}
