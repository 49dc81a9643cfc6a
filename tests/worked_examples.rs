//! Hand-worked examples: every number below was computed by hand from the
//! counts (the working is in the comments), not copied from fitcheck's output.
//!
//! Worked example: tp 85, fn 15, fp 10, tn 90 (200 examples, 100 of each class).
//!
//! ```text
//!                  predicted positive   predicted negative
//! truly positive          85                   15          (100)
//! truly negative          10                   90          (100)
//!                        (95)                 (105)
//! ```
//!
//! Fraud example: 10,000 transactions, 150 frauds; the model catches 18 and
//! raises 68 false alarms, so tp 18, fn 132, fp 68, tn 9782: accuracy
//! 9800 / 10000 = 0.98 while recall is 18 / 150 = 0.12.

use fitcheck::metrics::binary::BINARY_METRIC_IDS;
use fitcheck::report::verdict::Status;
use fitcheck::report::warnings::Severity;
use fitcheck::{binary_report, ConfusionCounts, Report, ReportOptions, Task};
use serde_json::Value;

/// The two-sided 95% normal quantile, written out so the test does not share
/// the code under test: Φ⁻¹(0.975).
const Z95: f64 = 1.959963984540054;

fn report(tp: u64, fn_: u64, fp: u64, tn: u64, options: &ReportOptions) -> Report {
    let counts = ConfusionCounts::new(tp, fn_, fp, tn).expect("valid counts");
    binary_report(&counts, options).expect("valid options")
}

fn worked() -> Report {
    report(85, 15, 10, 90, &ReportOptions::default())
}

fn fraud(task: Task) -> Report {
    let options = ReportOptions {
        task,
        ..ReportOptions::default()
    };
    report(18, 132, 68, 9782, &options)
}

fn json(report: &Report) -> Value {
    serde_json::from_str(&report.to_json()).expect("to_json is valid JSON")
}

/// Wilson score interval in the closed form
/// `(2np + z² ± z·√(z² + 4np(1 − p))) / (2(n + z²))`, algebraically equal to
/// the centre ± half-width form and written independently of `intervals.rs`.
fn wilson_independent(successes: u64, trials: u64) -> (f64, f64) {
    let n = trials as f64;
    let p = successes as f64 / n;
    let z2 = Z95 * Z95;
    let root = Z95 * (z2 + 4.0 * n * p * (1.0 - p)).sqrt();
    let den = 2.0 * (n + z2);
    (
        (2.0 * n * p + z2 - root) / den,
        (2.0 * n * p + z2 + root) / den,
    )
}

/// `P(X ≥ k)` for `X ~ Binomial(n, p)`, summing the terms with log-factorials.
fn binomial_upper_tail(k: u64, n: u64, p: f64) -> f64 {
    let ln_fact: Vec<f64> = std::iter::once(0.0)
        .chain((1..=n).scan(0.0, |acc, i| {
            *acc += (i as f64).ln();
            Some(*acc)
        }))
        .collect();
    let n_us = n as usize;
    (k..=n)
        .map(|i| {
            let i = i as usize;
            (ln_fact[n_us] - ln_fact[i] - ln_fact[n_us - i]
                + i as f64 * p.ln()
                + (n_us - i) as f64 * (1.0 - p).ln())
            .exp()
        })
        .sum()
}

fn assert_close(what: &str, actual: f64, expected: f64, tol: f64) {
    assert!(
        (actual - expected).abs() <= tol,
        "{what}: got {actual:?}, expected {expected:?} (tolerance {tol:e})"
    );
}

/// One line per metric of the worked example: id, exact value as a fraction
/// of the counts, and the value to 4 decimals as the page shows it.
const WORKED_METRICS: &[(&str, f64, &str)] = &[
    // (85 + 90) / 200 = 175/200 = 7/8
    ("accuracy", 175.0 / 200.0, "0.8750"),
    // (10 + 15) / 200 = 25/200 = 1/8
    ("error_rate", 25.0 / 200.0, "0.1250"),
    // 85 / (85 + 10) = 85/95 = 17/19
    ("precision", 85.0 / 95.0, "0.8947"),
    // 85 / (85 + 15) = 85/100
    ("recall", 85.0 / 100.0, "0.8500"),
    // 2·85 / (2·85 + 10 + 15) = 170/195 = 34/39
    ("f1", 170.0 / 195.0, "0.8718"),
    // β = 1: (1 + 1)·85 / (1·100 + 95) = 170/195
    ("fbeta", 170.0 / 195.0, "0.8718"),
    // 90 / (90 + 10) = 9/10
    ("specificity", 90.0 / 100.0, "0.9000"),
    // 90 / (90 + 15) = 90/105 = 6/7
    ("npv", 90.0 / 105.0, "0.8571"),
    // 10 / (10 + 90) = 1/10
    ("fpr", 10.0 / 100.0, "0.1000"),
    // 15 / (15 + 85) = 3/20
    ("fnr", 15.0 / 100.0, "0.1500"),
    // 10 / (10 + 85) = 2/19
    ("fdr", 10.0 / 95.0, "0.1053"),
    // 15 / (15 + 90) = 1/7
    ("false_omission_rate", 15.0 / 105.0, "0.1429"),
    // (17/20 + 9/10) / 2 = 35/40 = 7/8
    ("balanced_accuracy", 7.0 / 8.0, "0.8750"),
    // (85·90 − 10·15) / √(95·100·100·105) = 7500 / √99,750,000 = 75/√9975
    ("mcc", 0.750_939_261_482_638_3, "0.7509"),
    // p_o = 175/200 = 7/8; p_e = (100·95 + 100·105)/200² = 1/2;
    // κ = (7/8 − 1/2) / (1 − 1/2) = 3/4
    ("cohen_kappa", 0.75, "0.7500"),
    // (85 + 15) / 200 = 1/2
    ("prevalence", 0.5, "0.5000"),
    // 17/20 + 9/10 − 1 = 3/4
    ("informedness", 0.75, "0.7500"),
    // 17/19 + 6/7 − 1 = (119 + 114 − 133)/133 = 100/133
    ("markedness", 100.0 / 133.0, "0.7519"),
    // (85/100) / (10/100) = 85·100 / (10·100) = 17/2
    ("lr_plus", 8.5, "8.5000"),
    // (15/100) / (90/100) = 15·100 / (90·100) = 1/6
    ("lr_minus", 1.0 / 6.0, "0.1667"),
    // (85·90) / (10·15) = 7650/150 = 51
    ("dor", 51.0, "51.0000"),
    // 85 / (85 + 10 + 15) = 85/110 = 17/22
    ("jaccard", 85.0 / 110.0, "0.7727"),
    // √(17/19 · 17/20) = 17/√380
    ("fowlkes_mallows", 0.872_081_599_272_381, "0.8721"),
    // √(17/20 · 9/10) = √(153/200) = √0.765
    ("g_mean", 0.874_642_784_226_795_1, "0.8746"),
    // max(100, 100) / 200 = 1/2
    ("no_information_rate", 0.5, "0.5000"),
];

#[test]
fn worked_example_irrational_values_match_their_closed_forms() {
    // The three constants above that are not ratios of integers, recomputed.
    assert_close("mcc", 75.0 / 9975f64.sqrt(), 0.750_939_261_482_638_3, 1e-15);
    assert_close(
        "fowlkes_mallows",
        17.0 / 380f64.sqrt(),
        0.872_081_599_272_381,
        1e-15,
    );
    assert_close("g_mean", 0.765f64.sqrt(), 0.874_642_784_226_795_1, 1e-15);
}

#[test]
fn worked_example_every_metric() {
    let r = worked();
    let listed: Vec<&str> = WORKED_METRICS.iter().map(|(id, _, _)| *id).collect();
    assert_eq!(
        listed, BINARY_METRIC_IDS,
        "the table covers every metric, in order"
    );
    for &(id, exact, four_dp) in WORKED_METRICS {
        let value = r
            .metric(id)
            .unwrap_or_else(|| panic!("{id} is undefined, expected {exact}"));
        assert_close(id, value, exact, 1e-12);
        assert_eq!(format!("{value:.4}"), four_dp, "{id} to 4 decimals");
    }
    assert!(
        r.undefined.0.is_empty(),
        "nothing is undefined: {:?}",
        r.undefined
    );
}

#[test]
fn worked_example_exact_ratios_are_single_divisions() {
    // Ratios of two counts are one f64 division, so they equal the literal
    // division exactly, as numpy's `num / den` would.
    let r = worked();
    for (id, num, den) in [
        ("accuracy", 175.0, 200.0),
        ("precision", 85.0, 95.0),
        ("recall", 85.0, 100.0),
        ("f1", 170.0, 195.0),
        ("specificity", 90.0, 100.0),
        ("npv", 90.0, 105.0),
        ("jaccard", 85.0, 110.0),
        ("lr_plus", 8500.0, 1000.0),
        ("lr_minus", 1500.0, 9000.0),
        ("dor", 7650.0, 150.0),
    ] {
        assert_eq!(r.metric(id), Some(num / den), "{id} = {num} / {den}");
    }
}

#[test]
fn worked_example_json_layout() {
    let v = json(&worked());
    assert_eq!(v["kind"], "binary");
    assert_eq!(v["n"], 200);
    assert_eq!(v["pos_label"], "1");
    assert_eq!(v["labels"], serde_json::json!(["0", "1"]));
    // Rows true, columns predicted, labels [0, 1]: [[tn, fp], [fn, tp]].
    assert_eq!(v["confusion"], serde_json::json!([[90, 10], [15, 85]]));
    assert_eq!(
        v["counts"],
        serde_json::json!({"tp": 85, "fn": 15, "fp": 10, "tn": 90})
    );
    for &(id, exact, _) in WORKED_METRICS {
        let value = v["metrics"][id]
            .as_f64()
            .unwrap_or_else(|| panic!("metrics.{id} is {}", v["metrics"][id]));
        assert_close(id, value, exact, 1e-12);
    }
    // serde_json::Value sorts keys, so read the order from the text itself.
    let text = worked().to_json();
    let start = text.find("\"metrics\": {").expect("metrics object");
    let block = &text[start..start + text[start..].find('}').unwrap()];
    let keys: Vec<&str> = block
        .lines()
        .skip(1)
        .filter_map(|line| line.trim().split('"').nth(1))
        .collect();
    assert_eq!(keys, BINARY_METRIC_IDS, "metrics keep the design's order");
}

#[test]
fn worked_example_per_class_and_averages() {
    let v = json(&worked());
    // Class "0" (negatives): precision 90/105, recall 90/100, F1 2·90/(2·90 + 15 + 10) = 180/205.
    // Class "1" (positives): precision 85/95, recall 85/100, F1 170/195.
    let rows = [
        ("0", 90.0 / 105.0, 90.0 / 100.0, 180.0 / 205.0, 100),
        ("1", 85.0 / 95.0, 85.0 / 100.0, 170.0 / 195.0, 100),
    ];
    let per_class = v["per_class"].as_array().unwrap();
    assert_eq!(per_class.len(), 2);
    for (row, (label, p, r, f, support)) in per_class.iter().zip(rows) {
        assert_eq!(row["label"], label);
        assert_close(
            "per-class precision",
            row["precision"].as_f64().unwrap(),
            p,
            1e-15,
        );
        assert_close(
            "per-class recall",
            row["recall"].as_f64().unwrap(),
            r,
            1e-15,
        );
        assert_close("per-class f1", row["f1"].as_f64().unwrap(), f, 1e-15);
        assert_eq!(row["support"], support);
    }
    // Equal supports, so macro = weighted; micro = accuracy = 7/8.
    let macro_p = (90.0 / 105.0 + 85.0 / 95.0) / 2.0; // (6/7 + 17/19)/2 = 233/266
    let macro_f = (180.0 / 205.0 + 170.0 / 195.0) / 2.0;
    for avg in ["macro", "weighted"] {
        let a = &v["averages"][avg];
        assert_close(avg, a["precision"].as_f64().unwrap(), macro_p, 1e-15);
        assert_close(avg, a["precision"].as_f64().unwrap(), 233.0 / 266.0, 1e-15);
        assert_close(avg, a["recall"].as_f64().unwrap(), 0.875, 1e-15);
        assert_close(avg, a["f1"].as_f64().unwrap(), macro_f, 1e-15);
    }
    for key in ["precision", "recall", "f1"] {
        assert_eq!(v["averages"]["micro"][key].as_f64(), Some(0.875));
    }
}

#[test]
fn worked_example_wilson_interval_for_recall() {
    let r = worked();
    let [lo, hi] = *r.intervals.get("recall").expect("recall has an interval");
    // 85 of 100 at 95%: [0.7672, 0.9069].
    assert_eq!(format!("{lo:.4}"), "0.7672");
    assert_eq!(format!("{hi:.4}"), "0.9069");
    let (lo_ind, hi_ind) = wilson_independent(85, 100);
    assert_close("recall low", lo, lo_ind, 1e-12);
    assert_close("recall high", hi, hi_ind, 1e-12);
}

#[test]
fn worked_example_every_interval_is_wilson_of_its_proportion() {
    let r = worked();
    // Metrics that are a proportion of examples: successes of trials.
    let proportions: &[(&str, u64, u64)] = &[
        ("accuracy", 175, 200),
        ("error_rate", 25, 200),
        ("precision", 85, 95),
        ("recall", 85, 100),
        ("specificity", 90, 100),
        ("npv", 90, 105),
        ("fpr", 10, 100),
        ("fnr", 15, 100),
        ("fdr", 10, 95),
        ("false_omission_rate", 15, 105),
        ("prevalence", 100, 200),
        ("jaccard", 85, 110),
        ("no_information_rate", 100, 200),
    ];
    // Besides the proportions only F1 and MCC have intervals (bootstrap),
    // listed in metric order.
    let ids: Vec<&str> = r.intervals.0.iter().map(|(id, _)| id.as_str()).collect();
    let mut expected_ids: Vec<&str> = proportions.iter().map(|(id, _, _)| *id).collect();
    expected_ids.extend(["f1", "mcc"]);
    let order = |id: &str| r.metrics.0.iter().position(|(m, _)| m == id);
    expected_ids.sort_by_key(|id| order(id));
    assert_eq!(
        ids, expected_ids,
        "only proportions, F1 and MCC get an interval"
    );
    for &(id, x, n) in proportions {
        let [lo, hi] = *r.intervals.get(id).unwrap();
        let (lo_ind, hi_ind) = wilson_independent(x, n);
        assert_close(id, lo, lo_ind, 1e-12);
        assert_close(id, hi, hi_ind, 1e-12);
        let point = x as f64 / n as f64;
        assert!(lo < point && point < hi, "{id}: {point} in [{lo}, {hi}]");
        let method = r.explanations.get(id).unwrap().interval_method.as_deref();
        assert_eq!(method, Some("Wilson score interval, 95%"), "{id}");
    }
    for id in ["cohen_kappa", "lr_plus", "dor"] {
        assert!(
            r.explanations.get(id).unwrap().interval_method.is_none(),
            "{id}"
        );
    }
    for id in ["f1", "mcc"] {
        let method = r.explanations.get(id).unwrap().interval_method.as_deref();
        assert_eq!(
            method,
            Some("bootstrap stratified by true class: 2000 resamples (seed 42), each true class's rows redrawn with replacement, via multinomial counts of its confusion cells; 95% percentile interval"),
            "{id}"
        );
        let [lo, hi] = *r.intervals.get(id).unwrap();
        let point = r.metric(id).unwrap();
        assert!(lo < point && point < hi, "{id}: {point} in [{lo}, {hi}]");
    }
}

#[test]
fn worked_example_significance() {
    let v = json(&worked());
    // 175 correct of 200 against always guessing one class (rate 1/2):
    // P(X ≥ 175), X ~ Binomial(200, 1/2) ≈ 3.2757e-29.
    let expected = binomial_upper_tail(175, 200, 0.5);
    let p = v["significance"]["accuracy_p_value"].as_f64().unwrap();
    assert!(
        ((p - expected) / expected).abs() < 1e-9,
        "p = {p:e}, expected {expected:e}"
    );
    assert_eq!(v["significance"]["no_information_rate"].as_f64(), Some(0.5));
}

#[test]
fn worked_example_explanations() {
    let r = worked();
    let formula = |id: &str| r.explanations.get(id).unwrap().formula.clone();
    assert_eq!(
        formula("precision"),
        "precision = TP / (TP + FP) = 85 / (85 + 10) = 0.8947"
    );
    assert_eq!(
        formula("recall"),
        "recall = TP / (TP + FN) = 85 / (85 + 15) = 0.8500"
    );
    assert_eq!(
        formula("accuracy"),
        "accuracy = (TP + TN) / N = (85 + 90) / 200 = 0.8750"
    );
    assert_eq!(
        formula("f1"),
        "F1 = 2·TP / (2·TP + FP + FN) = 2·85 / (2·85 + 10 + 15) = 0.8718"
    );
    let v = json(&r);
    assert_eq!(
        v["explanations"]["precision"]["formula"],
        "precision = TP / (TP + FP) = 85 / (85 + 10) = 0.8947"
    );
    assert_eq!(
        r.explanations.get("precision").unwrap().meaning,
        "When the model says positive it is right 89.5% of the time: 85 of 95."
    );
    assert_eq!(
        r.explanations.get("recall").unwrap().meaning,
        "The model finds 85.0% of the real positives: 85 of 100; it misses 15."
    );
}

#[test]
fn worked_example_verdicts_and_no_warnings() {
    // precision 0.8947, recall 0.85 and F1 0.8718 all meet the 0.85 bars
    // (recall exactly: 85/100 is the same double as 0.85).
    let cases: &[(Task, &str)] = &[
        (
            Task::Balanced,
            "Fit for a task where both kinds of mistake cost about the same: F1 score 0.8718 meets the 0.85 bar.",
        ),
        (
            Task::FalseAlarmsCostly,
            "Fit for a task where false alarms are costly: Precision 0.8947 meets the 0.85 bar.",
        ),
        (
            Task::MissesCostly,
            "Fit for a task where misses are costly: Recall (sensitivity) 0.8500 meets the 0.85 bar.",
        ),
    ];
    for &(task, headline) in cases {
        let options = ReportOptions {
            task,
            ..ReportOptions::default()
        };
        let r = report(85, 15, 10, 90, &options);
        assert_eq!(r.verdict.status, Status::Fit, "{task:?}");
        assert_eq!(r.verdict.task, task);
        assert_eq!(r.verdict.watch, task.watched_metric());
        assert_eq!(r.verdict.headline, headline, "{task:?}");
        assert!(!r.has_warning("accuracy_paradox"), "{task:?}");
        assert!(r.warnings.is_empty(), "{task:?}: {:?}", r.warnings);
    }
    let v = json(&worked());
    assert_eq!(v["verdict"]["status"], "fit");
    assert_eq!(v["verdict"]["task"], "balanced");
    assert_eq!(v["warnings"], serde_json::json!([]));
}

#[test]
fn worked_example_beta_two() {
    let options = ReportOptions {
        beta: 2.0,
        ..ReportOptions::default()
    };
    let r = report(85, 15, 10, 90, &options);
    // (1 + 4)·85 / (4·100 + 95) = 425/495 = 85/99
    assert_close("fbeta", r.metric("fbeta").unwrap(), 425.0 / 495.0, 1e-15);
    assert_eq!(format!("{:.4}", r.metric("fbeta").unwrap()), "0.8586");
    // beta changes nothing else.
    assert_eq!(r.metric("f1"), worked().metric("f1"));
}

#[test]
fn fraud_metrics() {
    let r = fraud(Task::Balanced);
    // 9800/10000, 18/150, 18/86, 2·18/(2·18 + 68 + 132) = 36/236, 9782/9850, max(150, 9850)/10000.
    let mcc = (18.0 * 9782.0 - 68.0 * 132.0) / (86.0f64 * 150.0 * 9850.0 * 9914.0).sqrt();
    // κ: p_o = 0.98, p_e = (150·86 + 9850·9914)/10^8 = 0.97781; (0.98 − 0.97781)/(1 − 0.97781).
    let kappa = (10_000.0 * 9800.0 - (150.0 * 86.0 + 9850.0 * 9914.0))
        / (1e8 - (150.0 * 86.0 + 9850.0 * 9914.0));
    let expected: &[(&str, f64)] = &[
        ("accuracy", 0.98),
        ("recall", 0.12),
        ("precision", 18.0 / 86.0),
        ("f1", 36.0 / 236.0),
        ("specificity", 9782.0 / 9850.0),
        ("no_information_rate", 0.985),
        ("balanced_accuracy", (0.12 + 9782.0 / 9850.0) / 2.0),
        ("mcc", mcc),
        ("cohen_kappa", kappa),
    ];
    for &(id, value) in expected {
        assert_close(id, r.metric(id).unwrap(), value, 1e-12);
    }
    assert_eq!(format!("{:.4}", r.metric("mcc").unwrap()), "0.1489");
    assert_eq!(format!("{:.4}", r.metric("cohen_kappa").unwrap()), "0.1432");
    // Accuracy 0.98 is below the 0.985 of always saying "not fraud": P(X ≥ 9800) ≈ 1.
    let p = r.significance.accuracy_p_value.unwrap();
    assert!(p > 0.99, "p = {p}");
}

#[test]
fn fraud_is_not_fit_for_any_task() {
    // One line per task: verdict, the words the headline must contain, and
    // the severity of the low-recall warning for that task.
    let cases: &[(Task, &str, Severity)] = &[
        (
            Task::Balanced,
            "misses 88.0% of real positives",
            Severity::Medium,
        ),
        (
            Task::MissesCostly,
            "misses 88.0% of real positives",
            Severity::High,
        ),
        // Precision is the only bar here: 68 of 86 positive calls are false alarms.
        (
            Task::FalseAlarmsCostly,
            "79.1% of its positive calls are false alarms (68 of 86",
            Severity::Low,
        ),
    ];
    for &(task, headline_has, recall_severity) in cases {
        let r = fraud(task);
        assert_eq!(r.verdict.status, Status::NotFit, "{task:?}");
        assert!(
            r.verdict.headline.starts_with("Not fit for production"),
            "{task:?}: {}",
            r.verdict.headline
        );
        assert!(
            r.verdict.headline.contains(headline_has),
            "{task:?}: {:?} lacks {headline_has:?}",
            r.verdict.headline
        );
        let paradox = r
            .warnings
            .iter()
            .find(|w| w.id == "accuracy_paradox")
            .unwrap_or_else(|| panic!("{task:?}: no accuracy_paradox in {:?}", r.warnings));
        assert_eq!(paradox.severity, Severity::High, "{task:?}");
        assert!(paradox.message.contains("0.9800"), "{}", paradox.message);
        assert!(paradox.message.contains("0.9850"), "{}", paradox.message);
        let low_recall = r
            .warnings
            .iter()
            .find(|w| w.id == "low_recall")
            .unwrap_or_else(|| panic!("{task:?}: no low_recall in {:?}", r.warnings));
        assert_eq!(low_recall.severity, recall_severity, "{task:?}");
        assert!(
            low_recall
                .message
                .contains("misses 132 of 150 real positives (88.0%)"),
            "{}",
            low_recall.message
        );
        assert!(r.has_warning("low_precision"), "{task:?}");
        assert!(!r.has_warning("degenerate"), "{task:?}");
        // Most severe first.
        let severities: Vec<Severity> = r.warnings.iter().map(|w| w.severity).collect();
        let mut sorted = severities.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(severities, sorted, "{task:?}");
    }
}

#[test]
fn fraud_json_names_the_warning_and_severity() {
    let v = json(&fraud(Task::Balanced));
    assert_eq!(v["verdict"]["status"], "not_fit");
    let warnings = v["warnings"].as_array().unwrap();
    let paradox = warnings
        .iter()
        .find(|w| w["id"] == "accuracy_paradox")
        .expect("accuracy_paradox in JSON");
    assert_eq!(paradox["severity"], "high");
    assert!(warnings.iter().any(|w| w["id"] == "low_recall"));
    assert_eq!(v["confusion"], serde_json::json!([[9782, 68], [132, 18]]));
}
