//! Hand-worked edge cases: empty rows and columns of the confusion matrix,
//! perfect and inverted classifiers, one class only, constant models, counts
//! at the 2^53 limit, and the parsing of counts as people type them.
//!
//! Matrix reminder (rows true, columns predicted):
//!
//! ```text
//!                  predicted positive   predicted negative
//! truly positive          tp                   fn
//! truly negative          fp                   tn
//! ```

mod support;

use fitcheck::input::counts::{parse_count, MAX_COUNT};
use fitcheck::report::verdict::Status;
use fitcheck::report::warnings::Severity;
use fitcheck::{binary_report, ConfusionCounts, ErrorKind, Report, ReportOptions};
use support::json_outside_strings;

const TWO_53: u64 = 1 << 53;

/// Expected value of one metric: a number, or undefined with a reason
/// containing the given words.
#[derive(Debug, Clone, Copy)]
enum E {
    V(f64),
    U(&'static str),
}
use E::{U, V};

// The reasons, as the report words them.
const NO_PRED_POS: &str = "the model predicted no positives (TP + FP = 0)";
const NO_PRED_NEG: &str = "the model predicted no negatives (FN + TN = 0)";
const NO_TRUE_POS: &str = "there are no positive examples (TP + FN = 0)";
const NO_TRUE_NEG: &str = "there are no negative examples (FP + TN = 0)";
const MCC_CONSTANT_PRED: &str = "the model predicts the same class for every example";
const MCC_ONE_TRUE_CLASS: &str = "every example has the same true class";

fn report(tp: u64, fn_: u64, fp: u64, tn: u64) -> Report {
    let counts = ConfusionCounts::new(tp, fn_, fp, tn).expect("valid counts");
    binary_report(&counts, &ReportOptions::default()).expect("default options are valid")
}

/// Checks every listed metric, then the report-wide rules: `undefined`
/// holds exactly the null metrics, and the JSON has no NaN or infinity.
fn check(name: &str, r: &Report, expected: &[(&str, E)]) {
    for &(id, want) in expected {
        let got = r
            .metrics
            .get(id)
            .unwrap_or_else(|| panic!("{name}: no {id}"));
        match (want, got) {
            (V(x), Some(y)) => assert!(
                (x - y).abs() <= 1e-15 * x.abs().max(1.0),
                "{name}: {id} = {y:?}, expected {x:?}"
            ),
            (V(x), None) => panic!(
                "{name}: {id} is undefined ({:?}), expected {x:?}",
                r.undefined.get(id)
            ),
            (U(why), Some(y)) => panic!("{name}: {id} = {y:?}, expected undefined ({why})"),
            (U(why), None) => {
                let reason = r
                    .undefined
                    .get(id)
                    .unwrap_or_else(|| panic!("{name}: {id} has no reason"));
                assert!(
                    reason.contains(why),
                    "{name}: {id} reason {reason:?} lacks {why:?}"
                );
                let meaning = &r.explanations.get(id).unwrap().meaning;
                assert_eq!(meaning, &format!("Undefined: {reason}."), "{name}: {id}");
            }
        }
    }
    let null_ids: Vec<&str> = r
        .metrics
        .0
        .iter()
        .filter(|(_, v)| v.is_none())
        .map(|(id, _)| id.as_str())
        .collect();
    let reason_ids: Vec<&str> = r.undefined.0.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(
        null_ids, reason_ids,
        "{name}: every null has a reason, and only nulls"
    );
    assert_eq!(
        r.has_warning("undefined_metric"),
        !null_ids.is_empty(),
        "{name}: undefined_metric warning iff something is undefined"
    );
    assert_json_clean(name, r);
}

fn assert_json_clean(name: &str, r: &Report) {
    let text = r.to_json();
    let bare = json_outside_strings(&text);
    for bad in ["NaN", "nan", "inf", "Inf"] {
        assert!(
            !bare.contains(bad),
            "{name}: JSON has {bad:?} outside strings"
        );
    }
    let v: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    for (id, value) in v["metrics"].as_object().unwrap() {
        assert!(
            value.is_null() || value.as_f64().is_some_and(f64::is_finite),
            "{name}: {id}"
        );
    }
    for (id, pair) in v["intervals"].as_object().unwrap() {
        let pair = pair.as_array().unwrap();
        assert_eq!(pair.len(), 2, "{name}: {id}");
        for end in pair {
            let x = end
                .as_f64()
                .unwrap_or_else(|| panic!("{name}: interval {id} has {end}"));
            // MCC (bootstrap interval) ranges over [−1, 1]; the rest are shares.
            let floor = if id == "mcc" { -1.0 } else { 0.0 };
            assert!((floor..=1.0).contains(&x), "{name}: interval {id} end {x}");
        }
    }
    // Metrics that are null have no interval.
    for (id, value) in &r.metrics.0 {
        if value.is_none() {
            assert!(
                r.intervals.get(id).is_none(),
                "{name}: null {id} has an interval"
            );
        }
    }
}

#[test]
fn never_predicts_positive() {
    // tp = fp = 0: the predicted-positive column is empty.
    // 5 positives all missed, 95 negatives all cleared.
    let r = report(0, 5, 0, 95);
    check(
        "never predicts positive",
        &r,
        &[
            ("accuracy", V(0.95)),         // 95/100
            ("precision", U(NO_PRED_POS)), // 0/0
            ("fdr", U(NO_PRED_POS)),
            ("recall", V(0.0)),      // 0/5
            ("fnr", V(1.0)),         // 5/5
            ("f1", V(0.0)),          // 0 / (0 + 0 + 5)
            ("fbeta", V(0.0)),       // 0 / (1·5 + 0)
            ("specificity", V(1.0)), // 95/95
            ("fpr", V(0.0)),
            ("npv", V(0.95)), // 95/100
            ("false_omission_rate", V(0.05)),
            ("balanced_accuracy", V(0.5)), // (0 + 1)/2
            ("mcc", U(MCC_CONSTANT_PRED)),
            // s² − Σ t·p = 100² − (95·100 + 5·0) = 500; s·c − Σ t·p = 9500 − 9500 = 0.
            ("cohen_kappa", V(0.0)),
            ("prevalence", V(0.05)),
            ("informedness", V(0.0)), // 0 + 1 − 1
            ("markedness", U(NO_PRED_POS)),
            (
                "lr_plus",
                U("there are no false positives, so the ratio divides by zero (0/0)"),
            ),
            ("lr_minus", V(1.0)), // 5·95 / (95·5)
            ("dor", U("both TP·TN and FP·FN are 0 (0/0)")),
            ("jaccard", V(0.0)), // 0/5
            ("fowlkes_mallows", U(NO_PRED_POS)),
            ("g_mean", V(0.0)), // √(0·1)
            ("no_information_rate", V(0.95)),
        ],
    );
    let w = r
        .warnings
        .iter()
        .find(|w| w.id == "degenerate")
        .expect("degenerate");
    assert_eq!(w.severity, Severity::High);
    assert!(
        w.message
            .starts_with("The model never predicts positive: all 100 examples are called negative"),
        "{}",
        w.message
    );
    assert_eq!(r.verdict.status, Status::NotFit);
    assert!(
        r.verdict
            .headline
            .contains("the model never predicts positive"),
        "{}",
        r.verdict.headline
    );
    assert_eq!(
        r.explanations.get("precision").unwrap().formula,
        "precision = TP / (TP + FP) = 0 / (0 + 0) = undefined"
    );
    // The per-class row for "1" is undefined too; the averages count it as 0.
    assert_eq!(r.per_class[1].precision, None);
    assert_eq!(r.averages.macro_avg.precision, (0.95 + 0.0) / 2.0);
}

#[test]
fn always_predicts_positive() {
    // fn = tn = 0: the predicted-negative column is empty.
    let r = report(5, 0, 95, 0);
    check(
        "always predicts positive",
        &r,
        &[
            ("accuracy", V(0.05)),
            ("precision", V(0.05)), // 5/100
            ("recall", V(1.0)),
            ("specificity", V(0.0)),
            ("fpr", V(1.0)),
            ("npv", U(NO_PRED_NEG)),
            ("false_omission_rate", U(NO_PRED_NEG)),
            ("f1", V(10.0 / 105.0)), // 2·5 / (2·5 + 95 + 0)
            ("balanced_accuracy", V(0.5)),
            ("mcc", U(MCC_CONSTANT_PRED)),
            // t = (95, 5), p = (0, 100): Σ t·p = 500; (100·5 − 500) / (100² − 500) = 0.
            ("cohen_kappa", V(0.0)),
            ("markedness", U(NO_PRED_NEG)),
            ("lr_plus", V(1.0)), // 5·95 / (95·5)
            (
                "lr_minus",
                U("there are no true negatives, so the ratio divides by zero (0/0)"),
            ),
            ("dor", U("both TP·TN and FP·FN are 0 (0/0)")),
            ("jaccard", V(0.05)), // 5/100
            ("g_mean", V(0.0)),
        ],
    );
    let w = r
        .warnings
        .iter()
        .find(|w| w.id == "degenerate")
        .expect("degenerate");
    assert_eq!(w.severity, Severity::High);
    assert!(
        w.message.starts_with("The model always predicts positive"),
        "{}",
        w.message
    );
    assert_eq!(r.verdict.status, Status::NotFit);
    assert!(
        r.verdict
            .headline
            .contains("the model always predicts positive"),
        "{}",
        r.verdict.headline
    );
}

#[test]
fn only_negatives_in_the_truth() {
    // tp = fn = 0: no positive examples; 3 false alarms among 100 negatives.
    let r = report(0, 0, 3, 97);
    check(
        "only negatives",
        &r,
        &[
            ("accuracy", V(0.97)),
            ("recall", U(NO_TRUE_POS)),
            ("fnr", U(NO_TRUE_POS)),
            ("precision", V(0.0)), // 0/3
            ("fdr", V(1.0)),
            ("f1", V(0.0)),    // 0 / (0 + 3 + 0)
            ("fbeta", V(0.0)), // 0 / (1·0 + 3)
            ("specificity", V(0.97)),
            ("fpr", V(0.03)),
            ("npv", V(1.0)), // 97/97
            ("false_omission_rate", V(0.0)),
            // scikit-learn leaves a class with no examples out of the mean.
            ("balanced_accuracy", V(0.97)),
            ("mcc", U(MCC_ONE_TRUE_CLASS)),
            // t = (100, 0), p = (97, 3): Σ t·p = 9700; (100·97 − 9700)/(10000 − 9700) = 0.
            ("cohen_kappa", V(0.0)),
            ("prevalence", V(0.0)),
            ("informedness", U(NO_TRUE_POS)),
            ("markedness", V(0.0)), // 0 + 1 − 1
            ("lr_plus", U(NO_TRUE_POS)),
            ("lr_minus", U(NO_TRUE_POS)),
            ("dor", U("both TP·TN and FP·FN are 0 (0/0)")),
            ("jaccard", V(0.0)),
            ("fowlkes_mallows", U(NO_TRUE_POS)),
            ("g_mean", U(NO_TRUE_POS)),
            ("no_information_rate", V(1.0)),
        ],
    );
    // Always guessing "negative" scores 100%: accuracy 97% cannot beat it.
    assert_eq!(r.significance.accuracy_p_value, Some(1.0));
    assert!(r.has_warning("accuracy_paradox"));
    assert_eq!(r.confusion, vec![vec![97, 3], vec![0, 0]]);
    assert_eq!(r.per_class[1].support, 0);
    assert_eq!(r.per_class[1].recall, None);
}

#[test]
fn only_positives_in_the_truth() {
    // fp = tn = 0: no negative examples; 7 of 10 positives found.
    let r = report(7, 3, 0, 0);
    check(
        "only positives",
        &r,
        &[
            ("accuracy", V(0.7)),
            ("precision", V(1.0)),
            ("recall", V(0.7)),
            ("specificity", U(NO_TRUE_NEG)),
            ("fpr", U(NO_TRUE_NEG)),
            ("npv", V(0.0)), // 0/3
            ("false_omission_rate", V(1.0)),
            ("balanced_accuracy", V(0.7)),
            ("mcc", U(MCC_ONE_TRUE_CLASS)),
            ("cohen_kappa", V(0.0)),
            ("informedness", U(NO_TRUE_NEG)),
            ("lr_plus", U(NO_TRUE_NEG)),
            ("lr_minus", U(NO_TRUE_NEG)),
            ("g_mean", U(NO_TRUE_NEG)),
            ("prevalence", V(1.0)),
            ("no_information_rate", V(1.0)),
        ],
    );
}

#[test]
fn perfect_classifier() {
    let r = report(40, 0, 0, 60);
    check(
        "perfect",
        &r,
        &[
            ("accuracy", V(1.0)),
            ("error_rate", V(0.0)),
            ("precision", V(1.0)),
            ("recall", V(1.0)),
            ("f1", V(1.0)),
            ("fbeta", V(1.0)),
            ("specificity", V(1.0)),
            ("npv", V(1.0)),
            ("fpr", V(0.0)),
            ("fnr", V(0.0)),
            ("fdr", V(0.0)),
            ("false_omission_rate", V(0.0)),
            ("balanced_accuracy", V(1.0)),
            ("mcc", V(1.0)), // within 1e-15; exactly 1 is checked below
            // t = p = (60, 40): Σ t·p = 5200; (100·100 − 5200)/(100² − 5200) = 1.
            ("cohen_kappa", V(1.0)),
            ("prevalence", V(0.4)),
            ("informedness", V(1.0)),
            ("markedness", V(1.0)),
            ("lr_plus", U("there are no false positives, so the ratio divides by zero and is infinite")),
            ("lr_minus", V(0.0)), // 0·60 / (60·40)
            ("dor", U("there are no false positives or no false negatives, so the odds ratio is infinite")),
            ("jaccard", V(1.0)),
            ("fowlkes_mallows", V(1.0)),
            ("g_mean", V(1.0)),
            ("no_information_rate", V(0.6)),
        ],
    );
    assert_eq!(r.verdict.status, Status::Fit);
    assert!(!r.has_warning("degenerate"));
    assert!(!r.has_warning("accuracy_paradox"));
}

#[test]
fn inverted_classifier() {
    // tp = tn = 0: every answer wrong.
    let r = report(0, 30, 70, 0);
    check(
        "inverted",
        &r,
        &[
            ("accuracy", V(0.0)),
            ("error_rate", V(1.0)),
            ("precision", V(0.0)),
            ("recall", V(0.0)),
            ("f1", V(0.0)),
            ("specificity", V(0.0)),
            ("npv", V(0.0)),
            ("fpr", V(1.0)),
            ("fnr", V(1.0)),
            ("fdr", V(1.0)),
            ("false_omission_rate", V(1.0)),
            ("balanced_accuracy", V(0.0)),
            // t = (70, 30), p = (30, 70): Σ t·p = 4200, Σ t² = Σ p² = 5800;
            // (0 − 4200) / √(4200·4200) = −1.
            ("mcc", V(-1.0)),
            // (0 − 4200) / (10000 − 4200) = −21/29.
            ("cohen_kappa", V(-21.0 / 29.0)),
            ("informedness", V(-1.0)),
            ("markedness", V(-1.0)),
            ("lr_plus", V(0.0)), // 0·70 / (70·30)
            (
                "lr_minus",
                U("there are no true negatives, so the ratio divides by zero and is infinite"),
            ),
            ("dor", V(0.0)), // 0 / (70·30)
            ("jaccard", V(0.0)),
            ("fowlkes_mallows", V(0.0)),
            ("g_mean", V(0.0)),
            ("no_information_rate", V(0.7)),
        ],
    );
    assert_eq!(r.verdict.status, Status::NotFit);
    assert_eq!(
        r.significance.accuracy_p_value,
        Some(1.0),
        "0 correct: P(X ≥ 0) = 1"
    );
}

#[test]
fn single_example() {
    // One true positive: only the positive class exists, on both sides.
    let r = report(1, 0, 0, 0);
    check(
        "one true positive",
        &r,
        &[
            ("accuracy", V(1.0)),
            ("precision", V(1.0)),
            ("recall", V(1.0)),
            ("specificity", U(NO_TRUE_NEG)),
            ("npv", U(NO_PRED_NEG)),
            ("mcc", U(MCC_ONE_TRUE_CLASS)),
            (
                "cohen_kappa",
                U("truth and predictions are one and the same single class"),
            ),
            ("balanced_accuracy", V(1.0)),
        ],
    );
    // One true negative.
    let r = report(0, 0, 0, 1);
    check(
        "one true negative",
        &r,
        &[
            ("accuracy", V(1.0)),
            ("precision", U(NO_PRED_POS)),
            ("recall", U(NO_TRUE_POS)),
            ("f1", U("TP + FP + FN = 0")),
            ("fbeta", U("TP + FP + FN = 0")),
            ("jaccard", U("TP + FP + FN = 0")),
            ("specificity", V(1.0)),
            (
                "cohen_kappa",
                U("truth and predictions are one and the same single class"),
            ),
        ],
    );
    // A 1-example interval is wide: the small-sample warning says so.
    assert!(r.has_warning("small_sample"));
}

#[test]
fn counts_of_two_to_the_53_in_every_cell() {
    let r = report(TWO_53, TWO_53, TWO_53, TWO_53);
    assert_eq!(r.n, 4 * TWO_53);
    check(
        "all 2^53",
        &r,
        &[
            ("accuracy", V(0.5)),
            ("error_rate", V(0.5)),
            ("precision", V(0.5)),
            ("recall", V(0.5)),
            ("f1", V(0.5)),
            ("fbeta", V(0.5)),
            ("specificity", V(0.5)),
            ("npv", V(0.5)),
            ("balanced_accuracy", V(0.5)),
            // TP·TN − FP·FN = 2^106 − 2^106 = 0.
            ("mcc", V(0.0)),
            ("cohen_kappa", V(0.0)),
            ("prevalence", V(0.5)),
            ("informedness", V(0.0)),
            ("markedness", V(0.0)),
            ("lr_plus", V(1.0)),
            ("lr_minus", V(1.0)),
            ("dor", V(1.0)),
            ("jaccard", V(1.0 / 3.0)),
            ("fowlkes_mallows", V(0.5)),
            ("g_mean", V(0.5)),
            ("no_information_rate", V(0.5)),
        ],
    );
    assert_eq!(
        r.confusion,
        vec![vec![TWO_53, TWO_53], vec![TWO_53, TWO_53]]
    );
    for row in &r.per_class {
        assert_eq!(row.support, 2 * TWO_53);
        assert_eq!(
            (row.precision, row.recall, row.f1),
            (Some(0.5), Some(0.5), Some(0.5))
        );
    }
    assert_eq!(r.averages.weighted.f1, 0.5);
    let [lo, hi] = *r.intervals.get("accuracy").unwrap();
    assert!(lo < 0.5 && 0.5 < hi && hi - lo < 1e-7, "[{lo}, {hi}]");
}

#[test]
fn large_counts_near_the_limit() {
    // Near-perfect with cells at the limit: tp 2^53, fn 1, fp 2, tn 2^53 − 1.
    let (tp, fn_, fp, tn) = (TWO_53, 1, 2, TWO_53 - 1);
    let r = report(tp, fn_, fp, tn);
    let f = |x: u64| x as f64;
    // MCC in its textbook form, in f64 (products up to 2^212 are fine there).
    let mcc = (f(tp) * f(tn) - f(fp) * f(fn_))
        / ((f(tp) + f(fp)) * (f(tp) + f(fn_)) * (f(tn) + f(fp)) * (f(tn) + f(fn_))).sqrt();
    check(
        "near-perfect at 2^53",
        &r,
        &[
            ("precision", V(f(tp) / f(tp + fp))),
            ("recall", V(f(tp) / f(tp + fn_))),
            ("dor", V((f(tp) * f(tn)) / 2.0)),
        ],
    );
    let got = r.metric("mcc").unwrap();
    assert!(
        (got - mcc).abs() < 1e-12 && got <= 1.0,
        "mcc {got} vs {mcc}"
    );
    let kappa = r.metric("cohen_kappa").unwrap();
    assert!(kappa > 0.999_999_999 && kappa <= 1.0, "kappa {kappa}");
    assert_eq!(r.n, 2 * TWO_53 + 2);
    // One cell at the limit, the rest zero.
    let r = report(TWO_53, 0, 0, 0);
    check(
        "2^53 true positives",
        &r,
        &[("accuracy", V(1.0)), ("recall", V(1.0))],
    );
    let r = report(0, TWO_53, TWO_53, 0);
    check(
        "2^53 inverted",
        &r,
        &[("accuracy", V(0.0)), ("mcc", V(-1.0))],
    );
}

#[test]
fn above_two_to_the_53_is_rejected() {
    for field in 0..4 {
        let mut cells = [1u64; 4];
        cells[field] = TWO_53 + 1;
        let err = ConfusionCounts::new(cells[0], cells[1], cells[2], cells[3]).unwrap_err();
        let name = ["tp", "fn", "fp", "tn"][field];
        assert_eq!(err.field(), Some(name));
        let text = err.to_string();
        assert!(text.contains("2^53"), "{text}");
        assert!(text.contains("9007199254740993"), "{text}");
    }
    assert_eq!(MAX_COUNT, TWO_53);
    assert!(ConfusionCounts::new(TWO_53, 0, 0, 0).is_ok());
    assert!(ConfusionCounts::new(u64::MAX, 0, 0, 0).is_err());
    let err = parse_count("tp", "9007199254740993").unwrap_err();
    assert!(err.to_string().contains("2^53"), "{err}");
    let err = parse_count("tp", "99999999999999999999999").unwrap_err();
    assert!(err.to_string().contains("2^53"), "{err}");
    assert_eq!(parse_count("tp", "9007199254740992").unwrap(), TWO_53);
    assert_eq!(parse_count("tp", "9,007,199,254,740,992").unwrap(), TWO_53);
}

#[test]

fn above_two_to_the_53_in_decimal_form_is_rejected() {
    for text in ["9007199254740993.0", "9.007199254740993e15"] {
        let got = parse_count("tp", text);
        assert!(
            got.as_ref().is_err_and(|e| e.to_string().contains("2^53")),
            "{text} gave {got:?}"
        );
    }
}

/// One line per typed input: what `parse_count` must make of it.
#[test]
fn parsing_counts_as_typed() {
    // (input, Ok(value) or Err(words the message must contain))
    let cases: &[(&str, Result<u64, &str>)] = &[
        ("85", Ok(85)),
        ("0", Ok(0)),
        (" 42 ", Ok(42)),
        ("\t7\n", Ok(7)),
        ("10,000", Ok(10_000)),
        ("1,234,567", Ok(1_234_567)),
        ("10_000", Ok(10_000)),
        ("10 000", Ok(10_000)),
        ("85.0", Ok(85)),
        ("1e4", Ok(10_000)),
        ("", Err("is empty")),
        ("   ", Err("is empty")),
        ("-3", Err("-3 is negative")),
        ("-0", Err("negative")),
        ("8.5", Err("8.5 is not a whole number")),
        ("abc", Err("\"abc\" is not a whole number")),
        ("1e400", Err("1e400")),
        ("NaN", Err("\"NaN\" is not a whole number")),
        ("inf", Err("\"inf\" is not a whole number")),
        ("1,00", Err("not a whole number")),
        ("10,0000", Err("not a whole number")),
        ("1,000.5", Err("not a whole number")),
        ("0x10", Err("not a whole number")),
    ];
    for &(text, expected) in cases {
        match (parse_count("fn", text), expected) {
            (Ok(got), Ok(want)) => assert_eq!(got, want, "{text:?}"),
            (Err(err), Err(words)) => {
                let message = err.to_string();
                assert!(
                    message.starts_with("False negatives: "),
                    "{text:?}: {message}"
                );
                assert!(
                    message.contains(words),
                    "{text:?}: {message:?} lacks {words:?}"
                );
                assert!(!message.contains('\n'), "{text:?}: one line");
                assert_eq!(err.field(), Some("fn"));
            }
            (got, want) => panic!("{text:?}: got {got:?}, expected {want:?}"),
        }
    }
}

#[test]

fn huge_exponent_says_too_large() {
    let message = parse_count("tp", "1e400").unwrap_err().to_string();
    assert!(message.contains("larger than 2^53"), "{message}");
}

#[test]
fn all_zero_counts_are_rejected() {
    let err = ConfusionCounts::new(0, 0, 0, 0).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::NoExamples);
    assert_eq!(err.field(), None);
    assert!(
        err.to_string().contains("all four counts are zero"),
        "{err}"
    );
    let err = ConfusionCounts::parse("0", "0", " 0 ", "0,000").unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::NoExamples);
    // The first bad field is the one reported.
    let err = ConfusionCounts::parse("1", "x", "-1", "").unwrap_err();
    assert_eq!(err.field(), Some("fn"));
    let c = ConfusionCounts::parse("85", " 15 ", "10", "90").unwrap();
    assert_eq!(c, ConfusionCounts::new(85, 15, 10, 90).unwrap());
}

// Known defects, kept as tests of the correct behaviour.

#[test]

fn wilson_interval_reaches_zero_at_zero_successes() {
    // recall 0 of 2: point estimate 0, so the interval must start at 0.
    let r = report(0, 2, 1, 1);
    assert_eq!(r.metric("recall"), Some(0.0));
    let [lo, _] = *r.intervals.get("recall").unwrap();
    assert_eq!(lo, 0.0);
}

#[test]

fn wilson_interval_reaches_one_at_all_successes() {
    let r = report(5, 0, 0, 5);
    for id in ["accuracy", "precision", "recall", "specificity", "npv"] {
        assert_eq!(r.metric(id), Some(1.0), "{id}");
        let [_, hi] = *r.intervals.get(id).unwrap();
        assert_eq!(hi, 1.0, "{id}");
    }
}

#[test]

fn mcc_is_exactly_one_or_minus_one_at_the_extremes() {
    // Perfect, tp 1, tn 3: covariances all equal 2·1·3 = 6, so MCC = 6/6 = 1.
    assert_eq!(report(1, 0, 0, 3).metric("mcc"), Some(1.0));
    assert_eq!(report(40, 0, 0, 60).metric("mcc"), Some(1.0));
    // Inverted: −4200/4200 = −1 (scikit-learn gives exactly −1.0 here).
    assert_eq!(report(0, 30, 70, 0).metric("mcc"), Some(-1.0));
}

/// `P(X ≥ m)` for `X ~ Binomial(2m, 1/2)`: by symmetry it is
/// `1/2 + P(X = m)/2`, and `P(X = m) = C(2m, m)/4^m ≈ (1 − 1/(8m) + 1/(128m²))/√(πm)`
/// (the next term, 5/(1024m³), is below 1e-12 for m ≥ 2000).
fn half_upper_tail(m: f64) -> f64 {
    let central =
        (1.0 - 1.0 / (8.0 * m) + 1.0 / (128.0 * m * m)) / (std::f64::consts::PI * m).sqrt();
    0.5 + central / 2.0
}

#[test]

fn accuracy_p_value_for_large_balanced_counts() {
    // Accuracy exactly equals the no-information rate 1/2: p is just above 1/2.
    for cell in [1_000_000u64, TWO_53] {
        let r = report(cell, cell, cell, cell);
        let p = r.significance.accuracy_p_value.expect("p-value");
        let expected = half_upper_tail(2.0 * cell as f64);
        assert!(
            (p - expected).abs() < 1e-9,
            "cell {cell}: p = {p}, expected {expected}"
        );
    }
}

#[test]
fn accuracy_p_value_for_small_balanced_counts() {
    // Same identity where statrs converges: 1000 in each cell, n = 4000, m = 2000.
    let r = report(1000, 1000, 1000, 1000);
    let p = r.significance.accuracy_p_value.unwrap();
    let expected = half_upper_tail(2000.0);
    assert!((p - expected).abs() < 1e-9, "p = {p}, expected {expected}");
}

#[test]

fn accuracy_one_example_above_the_rate_is_not_significant() {
    // 3·10^7 positives, 7·10^7 negatives (NIR 0.7); 70,000,001 correct, one
    // more than always answering "negative". scipy's binom.sf gives 0.49996.
    let r = report(15_000_001, 14_999_999, 15_000_000, 55_000_000);
    assert_eq!(r.metric("no_information_rate"), Some(0.7));
    let p = r.significance.accuracy_p_value.expect("p-value");
    assert!((p - 0.499_962_275_584_482_2).abs() < 1e-9, "p = {p}");
    assert!(r.has_warning("accuracy_paradox"), "{:?}", r.warnings);
}
