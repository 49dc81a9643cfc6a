//! Comparisons of two models on the same rows: reading (one file, two files
//! joined), the paired numbers on hand-worked data, the flips and the
//! errors. Differential tests against statsmodels and a DeLong written from
//! the paper are in tests/parity/compare_parity.py.

use fitcheck::input::ingest::{read_all, ColumnRef, IngestOptions, ModelChoice, ModelKind};
use fitcheck::input::paired::{ModelValues, PairedData};
use fitcheck::report::comparison::compare;
use fitcheck::report::comparison_contract::{ComparisonStatus, Outcome};
use fitcheck::report::flips::flips_csv;
use fitcheck::ErrorKind;

mod support;

fn both() -> IngestOptions {
    IngestOptions::new().models(vec![ModelChoice::default(); 2])
}

fn one() -> IngestOptions {
    IngestOptions::new().models(vec![ModelChoice::default()])
}

fn paired_one(text: &str) -> PairedData {
    let data = read_all(text.as_bytes(), both()).unwrap();
    PairedData::from_one_file(data, "both.csv").unwrap()
}

fn paired_two(a: &str, b: &str) -> Result<PairedData, fitcheck::Error> {
    let a = read_all(a.as_bytes(), one())?;
    let b = read_all(b.as_bytes(), one())?;
    PairedData::join(a, b, ["before.csv", "after.csv"])
}

/// Ten rows, worked by hand:
/// row  truth A B   A right  B right
///  1     1   1 1     y        y
///  2     1   0 1     n        y     got better
///  3     1   0 1     n        y     got better
///  4     1   1 0     y        n     got worse
///  5     0   0 0     y        y
///  6     0   1 0     n        y     got better
///  7     0   0 0     y        y
///  8     0   0 1     y        n     got worse
///  9     1   0 0     n        n
/// 10     0   1 1     n        n
const TEN: &str =
    "y_true,base,tuned\n1,1,1\n1,0,1\n1,0,1\n1,1,0\n0,0,0\n0,1,0\n0,0,0\n0,0,1\n1,0,0\n0,1,1\n";

#[test]
fn hand_worked_label_comparison() {
    let p = paired_one(TEN);
    assert_eq!(p.models[0].name, "base");
    assert_eq!(p.models[1].name, "tuned");
    assert!(matches!(p.models[0].values, ModelValues::Labels(_)));
    let c = compare(&p, &Default::default()).unwrap();
    let r = &c.report;
    assert_eq!(r.kind, "comparison");
    assert_eq!(r.n, 10);
    let m = &r.mcnemar;
    assert_eq!(
        (m.both_right, m.a_only, m.b_only, m.both_wrong),
        (3, 2, 3, 2)
    );
    // Exact: 2·P(X ≤ 2), X ~ Bin(5, ½) = 2·16/32 = 1; mid-p = 1 − P(X = 2) = 1 − 10/32.
    assert_eq!(m.exact_p, 1.0);
    assert!((m.mid_p - 22.0 / 32.0).abs() < 1e-15, "{}", m.mid_p);
    assert_eq!(m.chi2, Some(1.0 / 5.0));
    assert_eq!(m.chi2_corrected, Some(0.0));
    // A: accuracy 5/10; B: accuracy 6/10.
    let acc = r.differences.iter().find(|d| d.id == "accuracy").unwrap();
    assert_eq!((acc.a, acc.b), (Some(0.5), Some(0.6)));
    assert!((acc.delta.unwrap() - 0.1).abs() < 1e-15);
    assert_eq!(r.delta.get("accuracy").copied().flatten(), acc.delta);
    // A: tp 2 fn 3 fp 2 → F1 = 4/9; B: tp 3 fn 2 fp 2 → F1 = 6/10.
    let f1 = r.differences.iter().find(|d| d.id == "f1").unwrap();
    assert_eq!(f1.a, Some(4.0 / 9.0));
    assert_eq!(f1.b, Some(0.6));
    assert_eq!(r.flips.a_only, 2);
    assert_eq!(r.flips.b_only, 3);
    // Lines count the header: row 4 is on line 5.
    assert_eq!(r.flips.a_only_lines, vec![5, 9]);
    assert_eq!(r.flips.b_only_lines, vec![3, 4, 7]);
    assert!(r.delong.is_none(), "labels only: no DeLong");
    assert_eq!(r.source.form, "one_file");
    assert_eq!(r.verdict.metric, "f1");
    // Ten rows cannot show anything.
    assert_eq!(r.verdict.status, ComparisonStatus::NoDetectableDifference);
    assert!(r
        .warnings
        .iter()
        .any(|w| w.id == "no_detectable_difference"));
    let csv = flips_csv(&p, &c.codes);
    assert_eq!(
        csv,
        "change,line,y_true,base,tuned\n\
         got_better,3,1,0,1\ngot_better,4,1,0,1\ngot_worse,5,1,1,0\n\
         got_better,7,0,1,0\ngot_worse,9,0,0,1\n"
    );
}

#[test]
fn single_model_reports_are_the_file_reports() {
    let p = paired_one(TEN);
    let c = compare(&p, &Default::default()).unwrap();
    let alone = read_all(
        b"y_true,base\n1,1\n1,0\n1,0\n1,1\n0,0\n0,1\n0,0\n0,0\n1,0\n0,1\n",
        IngestOptions::new(),
    )
    .unwrap();
    let report =
        fitcheck::report::file_report::dataset_report(&alone, &Default::default()).unwrap();
    assert_eq!(c.report.a.metrics, report.metrics);
    assert_eq!(c.report.a.confusion, report.confusion);
}

#[test]
fn two_files_join_row_by_row() {
    let before = "y_true,pred\n1,1\n0,1\n1,0\n";
    let after = "label,prediction\n1,1\n0,0\n1,1\n";
    let p = paired_two(before, after).unwrap();
    assert_eq!(p.models[0].name, "before.csv");
    assert_eq!(p.models[1].name, "after.csv");
    let c = compare(&p, &Default::default()).unwrap();
    assert_eq!(c.report.flips.b_only, 2);
    assert_eq!(c.report.flips.b_only_rows[0].line_b, Some(3));
    assert_eq!(c.report.source.form, "two_files");
    assert_eq!(c.report.source.files, vec!["before.csv", "after.csv"]);
}

#[test]
fn numeric_labels_written_differently_are_one_class() {
    let p = paired_two("y_true,pred\n1,1\n0,0\n", "y_true,pred\n1.0,1.0\n0.0,0\n").unwrap();
    assert_eq!(p.labels, vec!["0", "1"]);
}

#[test]
fn truth_mismatch_names_the_first_differing_line_and_values() {
    let err = paired_two(
        "y_true,pred\n1,1\n0,1\n1,0\n",
        "y_true,pred\n1,1\n\n1,0\n1,1\n",
    )
    .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::TruthMismatch { .. }));
    assert_eq!(err.kind_id(), "truth_mismatch");
    assert_eq!(
        err.to_string(),
        "the two files disagree on the true label of data row 2: \"before.csv\" line 3 says \"0\", \"after.csv\" line 4 says \"1\". Both files must list the same examples in the same order"
    );
    assert_eq!(err.line(), Some(4));
}

#[test]
fn different_row_counts_are_an_error() {
    let err = paired_two("y_true,pred\n1,1\n0,1\n", "y_true,pred\n1,1\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "\"before.csv\" has 2 rows and \"after.csv\" has 1 row: both files must hold the same examples in the same order"
    );
}

#[test]
fn kinds_are_detected_from_names_and_values() {
    // A 1–5 grade against 0/1 truth is a score; 0/1 predictions are labels.
    let p = paired_one("y_true,grade,vote\n1,5,1\n0,2,0\n1,4,1\n0,1,1\n");
    assert!(matches!(p.models[0].values, ModelValues::Scores(_)));
    assert!(matches!(p.models[1].values, ModelValues::Labels(_)));
    assert!(p.models[0].kind_guessed);
    // Named like scores: a score even when its values are 0/1.
    let p = paired_one("y_true,prob_a,prob_b\n1,1,0.9\n0,0,0.2\n");
    assert!(matches!(p.models[0].values, ModelValues::Scores(_)));
    // Chosen by the user: labels, whatever the values.
    let data = read_all(
        b"y_true,a,b\n1,5,1\n0,2,0\n",
        IngestOptions::new().models(vec![
            ModelChoice {
                column: Some(ColumnRef::Name("a".into())),
                kind: Some(ModelKind::Label),
            },
            ModelChoice::default(),
        ]),
    );
    let p = PairedData::from_one_file(data.unwrap(), "f.csv").unwrap();
    assert!(matches!(p.models[0].values, ModelValues::Labels(_)));
    assert!(!p.models[0].kind_guessed);
}

#[test]
fn a_model_column_missing_asks_for_the_mapping() {
    let err = read_all(b"y_true,x,y,z\n1,1,0,1\n", both()).unwrap_err();
    assert_eq!(err.kind_id(), "need_mapping");
    assert!(
        err.to_string().starts_with(
            "cannot tell which two columns hold the models' predictions or scores: choose them"
        ),
        "{err}"
    );
    let err = read_all(b"y_true,a\n1,1\n", both()).unwrap_err();
    assert!(err.to_string().starts_with("the file has 2 columns, but a comparison needs the true labels and two models' predictions or scores in separate columns"), "{err}");
    let err = read_all(
        b"y_true,a,b\n1,1,0\n",
        IngestOptions::new().models(vec![
            ModelChoice {
                column: Some(ColumnRef::Name("nope".into())),
                kind: None,
            },
            ModelChoice::default(),
        ]),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("there is no column named \"nope\" for the model A predictions"),
        "{err}"
    );
}

#[test]
fn scores_and_labels_mix_by_thresholding_the_scores() {
    let p = paired_one("y_true,score,pred\n1,0.9,1\n0,0.7,0\n1,0.2,1\n0,0.1,1\n");
    let c = compare(&p, &Default::default()).unwrap();
    let m = &c.report.mcnemar;
    // A at 0.5: 1,1,0,0 → right, wrong, wrong, right; B: right, right, right, wrong.
    assert_eq!(
        (m.both_right, m.a_only, m.b_only, m.both_wrong),
        (1, 1, 2, 0)
    );
    assert!(c.report.source.a.thresholded);
    assert!(!c.report.source.b.thresholded);
    assert!(c
        .report
        .warnings
        .iter()
        .any(|w| w.id == "thresholded_scores"));
    assert!(c.report.delong.is_none());
}

#[test]
fn delong_is_b_minus_a() {
    let p = paired_one(
        "y_true,a,b\n1,0.6,0.9\n1,0.4,0.8\n0,0.5,0.1\n0,0.3,0.2\n1,0.2,0.7\n0,0.1,0.3\n",
    );
    let c = compare(&p, &Default::default()).unwrap();
    let d = c.report.delong.as_ref().unwrap();
    assert!((d.difference - (d.auc_b - d.auc_a)).abs() < 1e-15);
    assert!(d.ci[0] < d.difference && d.difference < d.ci[1]);
    // A ranks 6 of 9 (positive, negative) pairs right: positives .6 .4 .2 vs negatives .5 .3 .1.
    assert!((d.auc_a - 6.0 / 9.0).abs() < 1e-15, "{}", d.auc_a);
    assert_eq!(d.auc_b, 1.0);
}

#[test]
fn multiclass_comparisons_show_per_class_f1() {
    let p =
        paired_one("y,a,b\ncat,cat,cat\ndog,cat,dog\nbird,bird,bird\ndog,dog,dog\ncat,dog,cat\n");
    let c = compare(&p, &Default::default()).unwrap();
    let r = &c.report;
    assert_eq!(r.task_kind, "multiclass");
    assert_eq!(r.verdict.metric, "macro_f1");
    let per = r.per_class.as_ref().unwrap();
    let labels: Vec<&str> = per.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, vec!["bird", "cat", "dog"]);
    // B is perfect; A: cat tp1 fn1 fp1 → F1 0.5.
    assert_eq!(per[1].f1_a, Some(0.5));
    assert_eq!(per[1].f1_b, Some(1.0));
    assert_eq!(per[1].delta_f1, Some(0.5));
    assert_eq!(r.mcnemar.b_only, 2);
    let ids: Vec<&str> = r.differences.iter().map(|d| d.id).collect();
    assert_eq!(
        ids,
        vec![
            "accuracy",
            "balanced_accuracy",
            "mcc",
            "cohen_kappa",
            "macro_f1",
            "weighted_f1"
        ]
    );
}

#[test]
fn undefined_outcomes_never_claim_a_difference() {
    let p = paired_one(TEN);
    let c = compare(&p, &Default::default()).unwrap();
    for d in &c.report.differences {
        if d.ci.is_none() {
            assert_eq!(d.outcome, Outcome::Undefined, "{}", d.id);
        }
    }
    let json = support::json_outside_strings(&c.report.to_json());
    assert!(!json.contains("NaN") && !json.contains("inf"), "{json}");
}

#[test]
fn a_class_only_the_other_model_predicts_stays_out_of_a_models_report() {
    // B predicts "fox", which neither the truth nor A has.
    let p = paired_one("y,a,b\ncat,cat,fox\ndog,dog,dog\nbird,cat,bird\ncat,cat,cat\n");
    let c = compare(&p, &Default::default()).unwrap();
    assert_eq!(c.report.a.labels, vec!["bird", "cat", "dog"]);
    assert_eq!(c.report.b.labels, vec!["bird", "cat", "dog", "fox"]);
    let alone = read_all(
        b"y,a\ncat,cat\ndog,dog\nbird,cat\ncat,cat\n",
        IngestOptions::new(),
    )
    .unwrap();
    let report =
        fitcheck::report::file_report::dataset_report(&alone, &Default::default()).unwrap();
    assert_eq!(c.report.a.averages, report.averages);
    // Macro F1 of A: bird 0, cat 0.8, dog 1 → 0.6, in the table as in A's report.
    let macro_f1 = c
        .report
        .differences
        .iter()
        .find(|d| d.id == "macro_f1")
        .unwrap();
    assert!((macro_f1.a.unwrap() - 0.6).abs() < 1e-15);
    let estimate = c.report.bootstrap.delta.get("macro_f1").unwrap().estimate;
    assert!((estimate - macro_f1.delta.unwrap()).abs() < 1e-12);
}

#[test]
fn a_score_that_is_not_finite_gets_the_file_modes_message() {
    let err = read_all(b"y_true,a,b\n1,0.9,nan\n0,0.4,0.7\n", both()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 2, column 3 (\"b\"): \"nan\" is not a finite number: scores must be real numbers"
    );
}

#[test]
fn a_model_predicting_a_class_outside_a_binary_truth_makes_both_multiclass() {
    // Truth dog/bird; A once predicts "cat". B's report alone would be binary.
    let p = paired_one("y_true,a,b\ndog,cat,dog\nbird,cat,bird\ndog,dog,dog\nbird,bird,dog\n");
    let c = compare(&p, &Default::default()).unwrap();
    let r = &c.report;
    assert_eq!(r.task_kind, "multiclass");
    assert_eq!(r.a.labels, vec!["bird", "cat", "dog"]);
    assert_eq!(r.b.labels, vec!["bird", "cat", "dog"]);
    // B over bird, cat, dog: F1 2/3, 0 (never there), 0.8 → macro 22/45.
    let macro_f1 = r.differences.iter().find(|d| d.id == "macro_f1").unwrap();
    assert!((macro_f1.b.unwrap() - 22.0 / 45.0).abs() < 1e-15);
    let estimate = r.bootstrap.delta.get("macro_f1").unwrap().estimate;
    assert!(
        (estimate - macro_f1.delta.unwrap()).abs() < 1e-12,
        "the interval is about the same numbers as the table"
    );
    assert_eq!((r.mcnemar.a_only, r.mcnemar.b_only), (1, 2));
}
