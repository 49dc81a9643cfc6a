//! From two models' predictions on the same rows ([`PairedData`]) to a
//! [`ComparisonReport`]: each model's own report, the differences with
//! paired-bootstrap intervals, McNemar's and DeLong's tests, the power of
//! the test set, the rows that flipped, and the verdict.
//!
//! Rows are first turned into class codes ([`RowCodes`]): binary reports use
//! 0 = negative and 1 = positive (scores at or above the threshold predict
//! positive, as in the file mode); multiclass reports use the class index.
//! "Right" means the predicted code equals the true code.

use crate::error::Error;
use crate::format::capitalize;
use crate::input::ingest::ModelKind;
use crate::input::paired::{ModelValues, PairedData};
use crate::metrics::bootstrap::matrix::{paired_matrix_bootstrap, PairedCells};
use crate::metrics::bootstrap::scores::{paired_score_intervals_with, ScoreMethod};
use crate::metrics::bootstrap::{matrix_method_text, BootInterval};
use crate::metrics::delong::paired_test;
use crate::metrics::divide::Undefined;
use crate::metrics::id::{Direction, MetricId};
use crate::metrics::matrix_stats::{MatrixStat, BINARY_STATS, MULTICLASS_STATS};
use crate::metrics::mcnemar::PairedTable;
use crate::report::comparison_contract::*;
use crate::report::comparison_words::{comparison_verdict, comparison_warnings, power_of};
use crate::report::contract::{OrderedMap, Report};
use crate::report::file_report::{dataset_report, FileReportOptions};
use crate::report::flips::flips_of;
use crate::report::row_codes::RowCodes;

/// A statistic of a confusion matrix, as the bootstrap takes it.
type MatrixFn = dyn Fn(&[Vec<u64>]) -> Option<f64>;

/// A row of the side-by-side table before its interval is attached.
struct Shown {
    id: &'static str,
    name: &'static str,
    direction: Direction,
    values: [Option<f64>; 2],
}

/// A comparison and the row codes it was made from (for the flips' CSV).
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The report.
    pub report: ComparisonReport,
    /// The rows as codes.
    pub codes: RowCodes,
}

/// Compares the two models of `paired`.
/// Options are those of a file report; `options.resampling` drives the
/// paired bootstrap.
pub fn compare(paired: &PairedData, options: &FileReportOptions) -> Result<Comparison, Error> {
    let mut reports = [
        model_report(paired, 0, options, false)?,
        model_report(paired, 1, options, false)?,
    ];
    let mut all_classes = false;
    let labels_only = paired
        .models
        .iter()
        .all(|m| matches!(m.values, ModelValues::Labels(_)));
    if reports[0].kind != reports[1].kind && labels_only {
        // One model predicts a class the truth lacks: judge both over every
        // class of the comparison (a multiclass report each).
        reports = [
            model_report(paired, 0, options, true)?,
            model_report(paired, 1, options, true)?,
        ];
        all_classes = true;
    }
    if reports[0].kind != reports[1].kind {
        return Err(Error::file(format!(
            "model A's report is {} but model B's is {}: a comparison needs both models to predict the same set of classes (a model predicting a class the truth never has makes its report multiclass)",
            reports[0].kind, reports[1].kind
        )));
    }
    let binary = reports[0].kind == "binary";
    let codes = row_codes(paired, &reports, binary);
    let table: PairedTable = (0..codes.truth.len())
        .map(|i| (codes.right(0, i), codes.right(1, i)))
        .collect();
    let scores = both_scores(paired);
    let is_positive: Option<Vec<bool>> =
        scores.map(|_| codes.truth.iter().map(|&t| t == 1).collect());
    let stats: &[MatrixStat] = if binary {
        &BINARY_STATS
    } else {
        &MULTICLASS_STATS
    };
    let beta = options.report.beta;
    let cells = PairedCells::from_rows(codes.classes, &codes.truth, &codes.a, &codes.b);
    let functions: Vec<Box<MatrixFn>> = stats
        .iter()
        .map(|&s| -> Box<MatrixFn> {
            if binary {
                Box::new(move |m: &[Vec<u64>]| s.binary(m, beta))
            } else {
                Box::new(move |m: &[Vec<u64>]| s.multiclass_over(m, all_classes))
            }
        })
        .collect();
    let refs: Vec<&MatrixFn> = functions.iter().map(|f| f.as_ref()).collect();
    let r = &options.resampling;
    let mut intervals: Vec<(&'static str, Result<BootInterval, Undefined>)> = stats
        .iter()
        .map(|s| s.id())
        .zip(paired_matrix_bootstrap(&cells, r, &refs))
        .collect();
    let mut delong = None;
    let mut delong_undefined = None;
    let mut score_method: Option<ScoreMethod> = None;
    if scores.is_none() {
        delong_undefined = Some(
            "DeLong's test compares two ROC AUCs, so it needs scores from both models on a binary task"
                .to_string(),
        );
    }
    if let (Some((sa, sb)), Some(pos)) = (scores, &is_positive) {
        // DeLong's test is reported anyway: one sort of each model's rows
        // serves it and, on large files, the ΔAUC interval.
        let test = paired_test(pos, sa, sb);
        let (deltas, method) = paired_score_intervals_with(pos, sa, sb, r, || test.clone());
        score_method = Some(method);
        intervals.push((MetricId::RocAuc.id(), deltas.roc_auc));
        intervals.push((MetricId::AveragePrecision.id(), deltas.average_precision));
        match test {
            Ok(t) => delong = Some(delong_json(&t)),
            Err(Undefined(why)) => delong_undefined = Some(why),
        }
    }
    let mut shown: Vec<Shown> = stats
        .iter()
        .map(|&s| Shown {
            id: s.id(),
            name: s.name(),
            direction: s.direction(),
            values: [stat_of(&reports[0], s), stat_of(&reports[1], s)],
        })
        .collect();
    if scores.is_some() {
        for id in [MetricId::RocAuc, MetricId::AveragePrecision] {
            shown.push(Shown {
                id: id.id(),
                name: id.name(),
                direction: id.direction(),
                values: [reports[0].metric(id.id()), reports[1].metric(id.id())],
            });
        }
    }
    let differences: Vec<Difference> = shown
        .into_iter()
        .map(
            |Shown {
                 id,
                 name,
                 direction,
                 values: [a, b],
             }| {
                let ci = intervals
                    .iter()
                    .find(|(i, _)| *i == id)
                    .and_then(|(_, r)| r.as_ref().ok())
                    .map(|iv| iv.ci);
                let delta = a.zip(b).map(|(a, b)| b - a);
                Difference {
                    id,
                    name,
                    a,
                    b,
                    delta,
                    ci,
                    direction: direction_id(direction),
                    outcome: outcome_of(ci, direction),
                }
            },
        )
        .collect();
    let mut boot_delta = Vec::new();
    let mut boot_undefined = Vec::new();
    for (id, result) in intervals {
        match result {
            Ok(iv) => boot_delta.push((
                id.to_string(),
                BootDelta {
                    estimate: iv.estimate,
                    ci: iv.ci,
                },
            )),
            Err(Undefined(why)) => boot_undefined.push((id.to_string(), why)),
        }
    }
    let mcnemar = mcnemar_json(&table);
    let power = power_of(&table);
    let flips = flips_of(paired, &codes);
    let source = source_of(paired, &reports);
    let models = [paired.models[0].name.clone(), paired.models[1].name.clone()];
    let watched = if binary {
        reports[0].verdict.watch
    } else {
        MatrixStat::MacroF1.id()
    };
    let watched_row = differences.iter().find(|d| d.id == watched);
    let verdict = comparison_verdict(&models, watched_row, &mcnemar, delong.as_ref(), &power);
    let warnings = comparison_warnings(
        &models,
        &verdict,
        watched_row,
        &power,
        &source,
        options.threshold,
    );
    let per_class = (!binary).then(|| class_deltas(&reports));
    let delta = delta_of(&reports);
    let report = ComparisonReport {
        kind: "comparison",
        n: paired.rows,
        models,
        task_kind: if binary { "binary" } else { "multiclass" },
        delta,
        differences,
        per_class,
        mcnemar,
        delong,
        delong_undefined,
        bootstrap: BootstrapJson {
            resamples: r.resamples,
            seed: r.seed,
            confidence: crate::metrics::intervals::CONFIDENCE,
            method: match score_method {
                Some(m) => format!(
                    "Label metrics: {}. ROC AUC and average precision: {}.",
                    matrix_method_text(r, true),
                    m.text(r, true)
                ),
                None => format!("{}.", capitalize(&matrix_method_text(r, true))),
            },
            delta: OrderedMap(boot_delta),
            undefined: OrderedMap(boot_undefined),
        },
        power,
        flips,
        verdict,
        warnings,
        source,
        options: ComparisonOptionsJson {
            threshold: options.threshold,
            positive: reports[0].pos_label.clone(),
            resamples: r.resamples,
            seed: r.seed,
        },
        a: reports[0].clone(),
        b: reports[1].clone(),
    };
    Ok(Comparison { report, codes })
}

/// Model `model`'s own report, as `fitcheck report` would give it for a
/// file holding the truth and that model's column (over every class of the
/// comparison when `all_classes`).
fn model_report(
    paired: &PairedData,
    model: usize,
    options: &FileReportOptions,
    all_classes: bool,
) -> Result<Report, Error> {
    let data = paired.model_dataset_over(model, all_classes);
    let mut file = options.clone();
    // A threshold set for the comparison applies to the score models only.
    if data.score.is_none() {
        file.threshold_set = false;
    }
    dataset_report(&data, &file)
}

/// Both models' scores, when both give scores.
fn both_scores(paired: &PairedData) -> Option<(&[f64], &[f64])> {
    match (&paired.models[0].values, &paired.models[1].values) {
        (ModelValues::Scores(a), ModelValues::Scores(b)) => Some((a, b)),
        _ => None,
    }
}

/// The rows as codes: binary 0/1 around the reports' positive class, or
/// the class indices of a multiclass comparison.
fn row_codes(paired: &PairedData, reports: &[Report; 2], binary: bool) -> RowCodes {
    let labels = &paired.labels;
    // The comparison's row codes stay `u32` (a copy per model, cold next to
    // the bootstrap that reads them): converted from the narrow columns here.
    if !binary {
        let pred = |m: usize| match &paired.models[m].values {
            ModelValues::Labels(p) => p.to_u32_vec(),
            // Scores need a binary truth (checked when the data was paired).
            ModelValues::Scores(_) => vec![0; paired.truth.len()],
        };
        return RowCodes {
            classes: labels.len(),
            truth: paired.truth.to_u32_vec(),
            a: pred(0),
            b: pred(1),
            names: labels.clone(),
        };
    }
    let pos = reports[0].pos_label.clone().unwrap_or_default();
    let is_pos: Vec<u32> = labels.iter().map(|l| u32::from(*l == pos)).collect();
    let pred = |m: usize| -> Vec<u32> {
        match &paired.models[m].values {
            ModelValues::Labels(p) => p.iter_u32().map(|c| is_pos[c as usize]).collect(),
            ModelValues::Scores(s) => {
                let t = reports[m]
                    .score_summary
                    .as_ref()
                    .map(|s| s.threshold)
                    .unwrap_or(0.5);
                s.iter().map(|&x| u32::from(x >= t)).collect()
            }
        }
    };
    let names = reports[0].labels.clone();
    // Binary report labels are sorted; code 1 is the positive one.
    let negative = names
        .iter()
        .find(|l| **l != pos)
        .cloned()
        .unwrap_or_default();
    RowCodes {
        classes: 2,
        truth: paired
            .truth
            .iter_u32()
            .map(|t| is_pos[t as usize])
            .collect(),
        a: pred(0),
        b: pred(1),
        names: vec![negative, pos],
    }
}

/// A statistic's value in a model's report.
fn stat_of(report: &Report, stat: MatrixStat) -> Option<f64> {
    match stat {
        MatrixStat::Metric(id) => report.metric(id.id()),
        MatrixStat::MacroF1 => Some(report.averages.macro_avg.f1),
        MatrixStat::WeightedF1 => Some(report.averages.weighted.f1),
    }
}

/// B − A for every metric in both reports, and the F1 averages.
fn delta_of(reports: &[Report; 2]) -> OrderedMap<Option<f64>> {
    let [a, b] = reports;
    let mut out: Vec<(String, Option<f64>)> = a
        .metrics
        .0
        .iter()
        .filter(|(id, _)| b.metrics.get(id).is_some())
        .map(|(id, va)| (id.clone(), va.zip(b.metric(id)).map(|(x, y)| y - x)))
        .collect();
    out.push((
        "macro_f1".into(),
        Some(b.averages.macro_avg.f1 - a.averages.macro_avg.f1),
    ));
    out.push((
        "weighted_f1".into(),
        Some(b.averages.weighted.f1 - a.averages.weighted.f1),
    ));
    OrderedMap(out)
}

/// Per-class F1 of each model (multiclass), classes in label order.
fn class_deltas(reports: &[Report; 2]) -> Vec<ClassDelta> {
    let [a, b] = reports;
    let mut labels: Vec<&String> = a.per_class.iter().map(|r| &r.label).collect();
    for r in &b.per_class {
        if !labels.contains(&&r.label) {
            labels.push(&r.label);
        }
    }
    let order = |l: &String| a.labels.iter().chain(&b.labels).position(|x| x == l);
    labels.sort_by_key(|l| order(l));
    labels
        .into_iter()
        .map(|l| {
            let row_a = a.per_class.iter().find(|r| &r.label == l);
            let row_b = b.per_class.iter().find(|r| &r.label == l);
            let f1_a = row_a.and_then(|r| r.f1);
            let f1_b = row_b.and_then(|r| r.f1);
            ClassDelta {
                label: l.clone(),
                f1_a,
                f1_b,
                delta_f1: f1_a.zip(f1_b).map(|(x, y)| y - x),
                support: row_a.or(row_b).map_or(0, |r| r.support),
            }
        })
        .collect()
}

/// `higher_is_better`, `lower_is_better` or `neither`.
pub fn direction_id(d: Direction) -> &'static str {
    match d {
        Direction::HigherIsBetter => "higher_is_better",
        Direction::LowerIsBetter => "lower_is_better",
        Direction::Neither => "neither",
    }
}

/// What an interval of B − A says, given which way is better.
pub fn outcome_of(ci: Option<[f64; 2]>, direction: Direction) -> Outcome {
    let Some([low, high]) = ci else {
        return Outcome::Undefined;
    };
    let (better, worse) = match direction {
        Direction::HigherIsBetter => (low > 0.0, high < 0.0),
        Direction::LowerIsBetter => (high < 0.0, low > 0.0),
        Direction::Neither => return Outcome::Undefined,
    };
    if better {
        Outcome::Better
    } else if worse {
        Outcome::Worse
    } else {
        Outcome::NoDetectableDifference
    }
}

/// McNemar's numbers with the reasons for the undefined ones.
fn mcnemar_json(table: &PairedTable) -> McNemarJson {
    let m = table.mcnemar();
    let mut undefined = Vec::new();
    let mut take = |id: &str, v: &Result<f64, Undefined>| match v {
        Ok(x) => Some(*x),
        Err(Undefined(why)) => {
            undefined.push((id.to_string(), why.clone()));
            None
        }
    };
    let chi2 = take("chi2", &m.chi2);
    let chi2_p = take("chi2_p", &m.chi2_p);
    let chi2_corrected = take("chi2_corrected", &m.chi2_corrected);
    let chi2_corrected_p = take("chi2_corrected_p", &m.chi2_corrected_p);
    McNemarJson {
        both_right: table.both_right(),
        a_only: table.a_only(),
        b_only: table.b_only(),
        both_wrong: table.both_wrong(),
        exact_p: m.exact_p,
        mid_p: m.mid_p,
        chi2,
        chi2_p,
        chi2_corrected,
        chi2_corrected_p,
        undefined: OrderedMap(undefined),
    }
}

/// DeLong's paired test turned to B − A.
fn delong_json(t: &crate::metrics::delong::PairedTest) -> DelongJson {
    let mut undefined = Vec::new();
    let z = match &t.z {
        Ok(z) => Some(-z),
        Err(Undefined(why)) => {
            undefined.push(("z".to_string(), why.clone()));
            None
        }
    };
    DelongJson {
        auc_a: t.auc_a,
        auc_b: t.auc_b,
        var_a: t.variance_a,
        var_b: t.variance_b,
        covariance: t.covariance,
        difference: -t.difference,
        z,
        p: t.p_value,
        ci: [-t.difference_high, -t.difference_low],
        undefined: OrderedMap(undefined),
    }
}

/// Where the models came from, and whether scores were thresholded.
fn source_of(paired: &PairedData, reports: &[Report; 2]) -> ComparisonSource {
    let model = |m: usize| {
        let p = &paired.models[m];
        let kind = p.values.kind();
        ModelSource {
            file: paired.files[p.file].name.clone(),
            column: p.column.clone(),
            kind,
            kind_guessed: p.kind_guessed,
            thresholded: kind == ModelKind::Score && reports[m].kind == "binary",
        }
    };
    ComparisonSource {
        form: if paired.files.len() == 1 {
            "one_file"
        } else {
            "two_files"
        },
        files: paired.files.iter().map(|f| f.name.clone()).collect(),
        truth: paired.files[0].mapping.truth.clone(),
        a: model(0),
        b: model(1),
    }
}
