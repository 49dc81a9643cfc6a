//! The `fitcheck` binary as a terminal or CI uses it: JSON and text output
//! for the worked example (tp 85, fn 15, fp 10, tn 90), and bad arguments,
//! which must exit with status 2 and one line on stderr, never a panic.

// The command line exists only natively; on wasm32 the page uses wasm.rs.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use std::process::{Command, Output};

fn fitcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fitcheck"))
        .args(args)
        .output()
        .expect("the fitcheck binary runs")
}

const WORKED: [&str; 9] = [
    "counts", "--tp", "85", "--fn", "15", "--fp", "10", "--tn", "90",
];

fn worked_with(extra: &[&str]) -> Output {
    let args: Vec<&str> = WORKED.iter().chain(extra).copied().collect();
    fitcheck(&args)
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 stdout")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("UTF-8 stderr")
}

fn json_of(out: &Output) -> Value {
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(out));
    assert!(out.stderr.is_empty(), "stderr: {}", stderr(out));
    serde_json::from_str(&stdout(out)).expect("stdout is one JSON document")
}

fn assert_close(what: &str, actual: &Value, expected: f64) {
    let x = actual
        .as_f64()
        .unwrap_or_else(|| panic!("{what} is {actual}, expected {expected}"));
    assert!(
        (x - expected).abs() <= 1e-12,
        "{what} = {x}, expected {expected}"
    );
}

#[test]
fn json_output_for_the_worked_example() {
    let v = json_of(&worked_with(&["--json"]));
    assert_eq!(v["kind"], "binary");
    assert_eq!(v["n"], 200);
    assert_eq!(
        v["counts"],
        serde_json::json!({"tp": 85, "fn": 15, "fp": 10, "tn": 90})
    );
    assert_eq!(v["confusion"], serde_json::json!([[90, 10], [15, 85]]));
    assert_eq!(v["labels"], serde_json::json!(["0", "1"]));
    // Hand-worked: 175/200, 85/95, 85/100, 170/195, 90/100, 3/4.
    for (id, expected) in [
        ("accuracy", 175.0 / 200.0),
        ("precision", 85.0 / 95.0),
        ("recall", 0.85),
        ("f1", 170.0 / 195.0),
        ("fbeta", 170.0 / 195.0),
        ("specificity", 0.9),
        ("cohen_kappa", 0.75),
        ("dor", 51.0),
    ] {
        assert_close(id, &v["metrics"][id], expected);
    }
    assert_eq!(v["verdict"]["status"], "fit");
    assert_eq!(v["options"]["beta"].as_f64(), Some(1.0));
    assert_eq!(v["options"]["task"], "balanced");
    assert_eq!(
        v["explanations"]["precision"]["formula"],
        "precision = TP / (TP + FP) = 85 / (85 + 10) = 0.8947"
    );
}

#[test]
fn beta_two_changes_fbeta_only() {
    let base = json_of(&worked_with(&["--json"]));
    let v = json_of(&worked_with(&["--json", "--beta", "2"]));
    // (1 + 2²)·85 / (2²·100 + 95) = 425/495.
    assert_close(
        "fbeta",
        &v["metrics"]["fbeta"],
        5.0 * 85.0 / (4.0 * 100.0 + 95.0),
    );
    assert_eq!(v["options"]["beta"].as_f64(), Some(2.0));
    let mut a = base["metrics"].clone();
    let mut b = v["metrics"].clone();
    a.as_object_mut().unwrap().remove("fbeta");
    b.as_object_mut().unwrap().remove("fbeta");
    assert_eq!(a, b, "only fbeta depends on beta");
}

#[test]
fn task_flag_reaches_the_verdict() {
    // The fraud example: not fit when misses are costly; recall 18/150.
    let out = fitcheck(&[
        "counts",
        "--tp",
        "18",
        "--fn",
        "132",
        "--fp",
        "68",
        "--tn",
        "9782",
        "--task",
        "misses_costly",
        "--json",
    ]);
    let v = json_of(&out);
    assert_eq!(v["verdict"]["status"], "not_fit");
    assert_eq!(v["verdict"]["task"], "misses_costly");
    assert_eq!(v["verdict"]["watch"], "recall");
    assert_close("recall", &v["metrics"]["recall"], 0.12);
    let ids: Vec<&str> = v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"accuracy_paradox"), "{ids:?}");
    assert!(ids.contains(&"low_recall"), "{ids:?}");
}

#[test]
fn counts_as_people_type_them() {
    // Thousands separators and surrounding spaces are accepted.
    let v = json_of(&fitcheck(&[
        "counts", "--tp", "10,000", "--fn", " 42 ", "--fp", "0", "--tn", "1e3", "--json",
    ]));
    assert_eq!(
        v["counts"],
        serde_json::json!({"tp": 10000, "fn": 42, "fp": 0, "tn": 1000})
    );
}

#[test]
fn text_output_for_the_worked_example() {
    let out = worked_with(&[]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("precision"), "{text}");
    assert!(text.contains("0.8947"), "{text}");
    let precision_line = text
        .lines()
        .find(|l| l.trim_start().starts_with("precision "))
        .expect("a precision row");
    assert!(precision_line.contains("0.8947"), "{precision_line}");
    assert!(
        precision_line.contains("[0.8170, 0.9418]"),
        "{precision_line}"
    );
    assert!(text.contains("Verdict: FIT"), "{text}");
    assert!(text.contains("200 examples"), "{text}");
    assert!(!text.contains("NaN"), "{text}");
}

#[test]
fn markdown_output() {
    let out = worked_with(&["--markdown"]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("### fitcheck: **FIT**"), "{text}");
    assert!(
        text.contains("| precision | 0.8947 | [0.8170, 0.9418] |"),
        "{text}"
    );
}

#[test]
fn undefined_metrics_print_as_null_and_undefined() {
    // Never predicts positive: precision is 0/0.
    let args = [
        "counts", "--tp", "0", "--fn", "5", "--fp", "0", "--tn", "95",
    ];
    let v = json_of(&fitcheck(&[&args[..], &["--json"]].concat()));
    assert!(v["metrics"]["precision"].is_null());
    assert_eq!(
        v["undefined"]["precision"],
        "the model predicted no positives (TP + FP = 0)"
    );
    let text = stdout(&fitcheck(&args));
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("precision "))
        .expect("a precision row");
    assert!(line.contains("undefined"), "{line}");
    assert!(!text.contains("NaN"), "{text}");
}

/// Runs bad arguments and checks the contract: status 2, nothing on stdout,
/// exactly one line on stderr that names the problem, no panic.
fn assert_rejected(args: &[&str], stderr_has: &str) {
    let out = fitcheck(args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{args:?}: stderr {err:?}");
    assert!(out.stdout.is_empty(), "{args:?}: stdout {:?}", stdout(&out));
    assert_eq!(err.lines().count(), 1, "{args:?}: stderr {err:?}");
    assert!(err.ends_with('\n'), "{args:?}: stderr {err:?}");
    assert!(!err.contains("panicked"), "{args:?}: {err}");
    assert!(
        err.contains(stderr_has),
        "{args:?}: {err:?} lacks {stderr_has:?}"
    );
}

#[test]
fn bad_arguments_exit_2_with_one_line() {
    // (arguments, words the one stderr line must contain)
    let cases: &[(&[&str], &str)] = &[
        (
            &["counts", "--tp", "85", "--fn", "15", "--fp", "10"],
            "--tn",
        ),
        (
            &[
                "counts", "--tp", "abc", "--fn", "15", "--fp", "10", "--tn", "90",
            ],
            "\"abc\" is not a whole number",
        ),
        (
            &[
                "counts", "--tp", "-1", "--fn", "15", "--fp", "10", "--tn", "90",
            ],
            "-1 is negative",
        ),
        (
            &[
                "counts", "--tp", "8.5", "--fn", "15", "--fp", "10", "--tn", "90",
            ],
            "not a whole number",
        ),
        (
            &[
                "counts", "--tp", "", "--fn", "15", "--fp", "10", "--tn", "90",
            ],
            "is empty",
        ),
        (
            &[
                "counts",
                "--tp",
                "9007199254740993",
                "--fn",
                "15",
                "--fp",
                "10",
                "--tn",
                "90",
            ],
            "2^53",
        ),
        (
            &["counts", "--tp", "0", "--fn", "0", "--fp", "0", "--tn", "0"],
            "all four counts are zero",
        ),
        (
            &[
                "counts", "--tp", "85", "--fn", "15", "--fp", "10", "--tn", "90", "--beta", "0",
            ],
            "beta",
        ),
        (
            &[
                "counts", "--tp", "85", "--fn", "15", "--fp", "10", "--tn", "90", "--beta", "-2",
            ],
            "beta",
        ),
        (
            &[
                "counts", "--tp", "85", "--fn", "15", "--fp", "10", "--tn", "90", "--beta", "abc",
            ],
            "beta",
        ),
        (
            &[
                "counts", "--tp", "85", "--fn", "15", "--fp", "10", "--tn", "90", "--beta", "NaN",
            ],
            "beta",
        ),
        (
            &[
                "counts", "--tp", "85", "--fn", "15", "--fp", "10", "--tn", "90", "--task",
                "nonsense",
            ],
            "\"nonsense\" is not a task",
        ),
        (
            &[
                "counts",
                "--tp",
                "85",
                "--fn",
                "15",
                "--fp",
                "10",
                "--tn",
                "90",
                "--min-recall",
                "2",
            ],
            "min_recall",
        ),
        (
            &[
                "counts",
                "--tp",
                "85",
                "--fn",
                "15",
                "--fp",
                "10",
                "--tn",
                "90",
                "--min-recall",
                "x",
            ],
            "--min-recall",
        ),
        (
            &[
                "counts",
                "--tp",
                "85",
                "--fn",
                "15",
                "--fp",
                "10",
                "--tn",
                "90",
                "--json",
                "--markdown",
            ],
            "--markdown",
        ),
        (
            &[
                "counts", "--tp", "85", "--fn", "15", "--fp", "10", "--tn", "90", "--bogus",
            ],
            "--bogus",
        ),
        (
            &[
                "counts", "--tp", "85", "--fn", "15", "--fp", "10", "--tn", "90", "--tp", "3",
            ],
            "--tp",
        ),
        (&["frobnicate"], "frobnicate"),
    ];
    for &(args, has) in cases {
        assert_rejected(args, has);
    }
}

#[test]
fn count_errors_name_the_field() {
    let cases: &[(&str, &str)] = &[
        ("--tp", "True positives"),
        ("--fn", "False negatives"),
        ("--fp", "False positives"),
        ("--tn", "True negatives"),
    ];
    for &(flag, label) in cases {
        let mut args = WORKED.to_vec();
        let at = args.iter().position(|a| *a == flag).unwrap();
        args[at + 1] = "abc";
        assert_rejected(
            &args,
            &format!("error: {label}: \"abc\" is not a whole number"),
        );
    }
}

#[test]
fn help_and_version_succeed() {
    let out = fitcheck(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("counts"));
    let out = fitcheck(&["--version"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).starts_with("fitcheck "));
}

/// A fixture of the browser tests or of the malformed-file tests.
fn fixture(path: &str) -> String {
    format!("{}/tests/{path}", env!("CARGO_MANIFEST_DIR"))
}

const LABELS: &str = "browser/fixtures/binary_labels.csv";
const SCORES: &str = "browser/fixtures/scores.csv";
const MULTICLASS: &str = "browser/fixtures/multiclass.csv";
const ONE_LABEL_1: &str = "fixtures/malformed/one_label_1.csv";
const ONE_CAT: &str = "fixtures/malformed/one_text_class_scores.csv";

fn report_with(file: &str, extra: &[&str]) -> Output {
    let path = fixture(file);
    let args: Vec<&str> = ["report", path.as_str()]
        .iter()
        .chain(extra)
        .copied()
        .collect();
    fitcheck(&args)
}

fn warning<'a>(report: &'a Value, id: &str) -> Option<&'a str> {
    report["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .find(|w| w["id"] == id)
        .map(|w| w["message"].as_str().expect("message"))
}

#[test]
fn one_column_cannot_be_both_truth_and_prediction() {
    // Before: --truth 1 --pred 1 read y_true twice and reported a perfect model.
    // (file, flags, what the second column holds, the column and the list)
    let cases: &[(&str, &[&str], &str, &str)] = &[
        (
            LABELS,
            &["--truth", "1", "--pred", "1"],
            "predictions",
            "\"y_true\"; the columns are: y_true, y_pred",
        ),
        (
            LABELS,
            &["--truth", "y_pred"],
            "predictions",
            "\"y_pred\"; the columns are: y_true, y_pred",
        ),
        (
            SCORES,
            &["--truth", "1", "--score", "1"],
            "scores",
            "\"label\"; the columns are: label, probability",
        ),
    ];
    for &(file, flags, what, tail) in cases {
        let out = report_with(file, flags);
        assert_eq!(out.status.code(), Some(2), "{flags:?}");
        assert_eq!(stdout(&out), "", "{flags:?}");
        assert_eq!(
            stderr(&out),
            format!("error: the true labels and the {what} must be in different columns, but both are set to {tail}\n"),
            "{flags:?}"
        );
    }
}

#[test]
fn numeric_options_share_one_parsing_rule() {
    // Spaces are trimmed for every numeric option (before: " 0.5" was
    // refused for --threshold but " 2 " accepted for --beta).
    let v = json_of(&report_with(
        SCORES,
        &["--threshold", " 0.65", "--beta", " 2 ", "--json"],
    ));
    assert_close("threshold", &v["score_summary"]["threshold"], 0.65);
    assert_close("beta", &v["options"]["beta"], 2.0);
    assert_close("precision at 0.65", &v["metrics"]["precision"], 2.0 / 3.0);
    // A negative number is a value, checked against the option's range
    // (before: clap took `-1` for a flag).
    let cases: &[(&[&str], &str)] = &[
        (&["--cost-fp", "-1"], "error: cost_fp: -1 is not allowed: a cost must be a number of at least 0\n"),
        (&["--cost-fn", "-0.5"], "error: cost_fn: -0.5 is not allowed: a cost must be a number of at least 0\n"),
        (&["--target-recall", "-1"], "error: target_recall: -1 is not allowed: it must lie between 0 and 1\n"),
        // The limit is in the message (before: "must be a positive number").
        (&["--beta", "1e7"], "error: beta: 10000000 is not allowed: beta must be above 0 and at most 1000000 (1 weighs precision and recall equally, 2 favours recall)\n"),
        (&["--max-classes", "1"], "error: max_classes: 1 is not allowed: it must be a whole number from 2 to 4294967295\n"),
        (&["--max-classes", "2.5"], "error: max_classes: 2.5 is not allowed: it must be a whole number from 2 to 4294967295\n"),
        // Extreme values are echoed in scientific notation, not 300 digits.
        (&["--beta", "1e300"], "error: beta: 1e300 is not allowed: beta must be above 0 and at most 1000000 (1 weighs precision and recall equally, 2 favours recall)\n"),
        (&["--min-f1", "-1e-200"], "error: min_f1: -1e-200 is not allowed: a bar must lie between 0 and 1\n"),
        (&["--threshold", "x"], "error: invalid value 'x' for '--threshold <THRESHOLD>': \"x\" is not a number (see fitcheck --help)\n"),
    ];
    for &(flags, message) in cases {
        let out = report_with(SCORES, flags);
        assert_eq!(out.status.code(), Some(2), "{flags:?}");
        assert_eq!(stderr(&out), message, "{flags:?}");
    }
}

#[test]
fn extreme_thresholds_print_in_scientific_notation() {
    let out = report_with(SCORES, &["--threshold", "1e-300"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out)
            .contains("(true labels: \"label\", scores: \"probability\", threshold 1e-300)"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn options_that_do_nothing_are_reported_with_an_id() {
    let v = json_of(&report_with(LABELS, &["--threshold", "0.3", "--json"]));
    assert_eq!(
        warning(&v, "threshold_ignored"),
        Some("The threshold 0.3 was ignored: this file gives predicted labels, not scores, so there is nothing to threshold.")
    );
    let v = json_of(&report_with(MULTICLASS, &["--positive", "cat", "--json"]));
    assert_eq!(
        warning(&v, "positive_ignored"),
        Some("The positive class \"cat\" was ignored: with 3 classes there is no single positive class; every class gets its own row and the averages cover them all.")
    );
    // Neither warns when the option was not given, or does something.
    for (file, flags) in [
        (LABELS, &[][..]),
        (MULTICLASS, &[][..]),
        (SCORES, &["--threshold", "0.3"][..]),
    ] {
        let args: Vec<&str> = flags.iter().chain(&["--json"]).copied().collect();
        let v = json_of(&report_with(file, &args));
        assert_eq!(warning(&v, "threshold_ignored"), None, "{file}");
        assert_eq!(warning(&v, "positive_ignored"), None, "{file}");
    }
}

#[test]
fn operating_points_name_false_negatives_fn() {
    let v = json_of(&report_with(SCORES, &["--json"]));
    let points = v["operating_points"].as_array().expect("operating points");
    assert!(!points.is_empty());
    for p in points {
        assert!(p.get("fn_").is_none(), "{p}");
        // scores.csv has 4 positives: tp + fn = 4 at every threshold.
        let (tp, fn_) = (p["tp"].as_u64().unwrap(), p["fn"].as_u64().unwrap());
        assert_eq!(tp + fn_, 4, "{p}");
    }
}

#[test]
fn a_single_class_file_follows_scikit_learns_labels_rule() {
    // Every row is (1, 1). scikit-learn: f1_score([1, 1], [1, 1], average="macro")
    // = 1.0, over the labels present ([1]); before, the phantom class 0 made it 0.5.
    let v = json_of(&report_with(ONE_LABEL_1, &["--json"]));
    assert_eq!(v["confusion"], serde_json::json!([[0, 0], [0, 2]]));
    let rows = v["per_class"].as_array().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["label"], "1");
    for avg in ["macro", "weighted", "micro"] {
        for m in ["precision", "recall", "f1"] {
            assert_close(&format!("{avg} {m}"), &v["averages"][avg][m], 1.0);
        }
    }
    assert_eq!(
        warning(&v, "single_class"),
        Some("Only \"1\" occurs in this file (true labels and predictions): \"0\" has no examples and is never predicted, so the per-class rows and the averages cover \"1\" alone, as scikit-learn does.")
    );
    // Naming the one label that is in the file is accepted (before: refused
    // with "Name the positive class to continue"); the other side of the
    // matrix is "not cat". Scores 0.3 and 0.9 at 0.5: tp 1, fn 1.
    let v = json_of(&report_with(ONE_CAT, &["--positive", "cat", "--json"]));
    assert_eq!(v["pos_label"], "cat");
    assert_eq!(v["labels"], serde_json::json!(["cat", "not cat"]));
    assert_eq!(
        v["counts"],
        serde_json::json!({"tp": 1, "fn": 1, "fp": 0, "tn": 0})
    );
    // A positive label that is not in the file is allowed as scikit-learn
    // allows it with fewer than two labels present, and the report says so.
    let v = json_of(&report_with(ONE_LABEL_1, &["--positive", "yes", "--json"]));
    assert_eq!(v["pos_label"], "yes");
    assert_eq!(
        v["counts"],
        serde_json::json!({"tp": 0, "fn": 0, "fp": 0, "tn": 2})
    );
    let message = warning(&v, "single_class").expect("single_class warning");
    assert!(
        message.contains("The positive class you named does not occur in the file"),
        "{message}"
    );
}

#[test]
fn help_shows_the_cores_defaults() {
    let out = fitcheck(&["report", "--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = stdout(&out);
    for shown in [
        "score files) [default: 0.5]",
        "operating point [default: 1]",
        "operating point [default: 0.9]",
        "column is right [default: 100]",
        "precision [default: 1]",
        "for the verdict [default: 0.85]",
        "misses_costly [default: balanced]",
    ] {
        assert!(help.contains(shown), "{shown:?} not in {help}");
    }
}

// ---- Reading files: exact labels, short errors, safe and bounded output (issue 13) ----

/// Writes `bytes` to a fresh file in the temp folder and returns its path.
fn temp_csv(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!("fitcheck-cli-{}-{name}.csv", std::process::id()));
    std::fs::write(&path, bytes).expect("temp file written");
    path
}

fn report_on(path: &std::path::Path, extra: &[&str]) -> Output {
    let mut args = vec!["report", path.to_str().expect("UTF-8 path")];
    args.extend_from_slice(extra);
    fitcheck(&args)
}

#[test]
fn integer_labels_above_2_pow_53_stay_apart_and_keep_their_digits() {
    // As floats both ids are 9007199254740992 and would merge into one class.
    // Rows (truth, pred): (…993, …993) (…992, …993) (…992, …992):
    // positive …993: tp 1, fn 0, fp 1, tn 1.
    let path = temp_csv(
        "big-ids",
        b"y_true,y_pred\n9007199254740993,9007199254740993\n9007199254740992,9007199254740993\n9007199254740992,9007199254740992\n",
    );
    let v = json_of(&report_on(
        &path,
        &["--positive", "9007199254740993", "--json"],
    ));
    assert_eq!(
        v["labels"],
        serde_json::json!(["9007199254740992", "9007199254740993"])
    );
    assert_eq!(v["pos_label"], "9007199254740993");
    assert_eq!(
        v["counts"],
        serde_json::json!({"tp": 1, "fn": 0, "fp": 1, "tn": 1})
    );
    let _ = std::fs::remove_file(path);
}

#[test]
fn errors_quote_at_most_about_200_characters_of_the_input() {
    // A 1 MB header of 100,000 unknown names and a row of as many fields.
    let names: Vec<String> = (0..100_000).map(|i| format!("c{i}")).collect();
    let mut file = names.join(",").into_bytes();
    file.push(b'\n');
    file.extend_from_slice(&vec![b"1,".as_slice(); 100_000].concat()[..199_999]);
    file.push(b'\n');
    let path = temp_csv("wide", &file);
    let out = report_on(&path, &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.len() < 400, "{} bytes: {err}", err.len());
    assert!(
        err.starts_with("error: cannot tell which column holds the true labels: choose it; the columns are: c0, c1, c2, "),
        "{err}"
    );
    assert!(err.ends_with(", … (100,000 in all)\n"), "{err}");
    let _ = std::fs::remove_file(path);
    // A score of a million digits overflows to infinity: quoted to 40 characters.
    let mut file = b"y_true,score\n1,0.5\n0,1".to_vec();
    file.extend(std::iter::repeat_n(b'0', 1_000_000));
    file.push(b'\n');
    let path = temp_csv("long-score", &file);
    let out = report_on(&path, &[]);
    assert_eq!(
        stderr(&out),
        format!(
            "error: line 3, column 2 (\"score\"): \"1{}…\" is too large for a number (beyond ±1.8e308): scores must be finite real numbers\n",
            "0".repeat(39)
        )
    );
    let _ = std::fs::remove_file(path);
    // A label of 10,000 characters named in an option error: cut at 200.
    let long = "x".repeat(10_000);
    let path = temp_csv(
        "long-label",
        format!("y_true,y_pred\n{long},a\na,a\n").as_bytes(),
    );
    let out = report_on(&path, &["--positive", "b"]);
    assert_eq!(
        stderr(&out),
        format!(
            "error: positive: \"b\" is not a label in the file; the labels are \"a\" and \"{}…\"\n",
            "x".repeat(200)
        )
    );
    let _ = std::fs::remove_file(path);
}

/// A label file with `classes` classes c00, c01, …: 4 right answers each,
/// then c03 → c07 six times, c10 → c02 and c20 → c21 three times, c01 → c00
/// once (each mistake only when both classes exist).
fn many_classes_file(classes: usize) -> Vec<u8> {
    let mut out = b"y_true,y_pred\n".to_vec();
    for i in 0..classes {
        for _ in 0..4 {
            out.extend_from_slice(format!("c{i:02},c{i:02}\n").as_bytes());
        }
    }
    for (t, p, times) in [(3, 7, 6), (10, 2, 3), (20, 21, 3), (1, 0, 1)] {
        for _ in 0..times * usize::from(t.max(p) < classes) {
            out.extend_from_slice(format!("c{t:02},c{p:02}\n").as_bytes());
        }
    }
    out
}

#[test]
fn many_classes_print_the_most_confused_pairs_not_the_matrix() {
    let path = temp_csv("25-classes", &many_classes_file(25));
    let out = report_on(&path, &[]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("\nConfusion matrix: 25 classes are too many for a 25×25 table here (the JSON report has it whole).\nMost confused pairs (4 of 4 pairs with mistakes):\n"),
        "{text}"
    );
    // c03 has 4 right + 6 as c07 = 10 true examples: 60.0%; c10 and c20 have 7: 42.9%.
    let row =
        |t: &str, p: &str, n: u64, share: &str| format!("  {t:<12} {p:<12} {n:>10} {share:>14}\n");
    let expected = [
        row("c03", "c07", 6, "60.0%"),
        row("c10", "c02", 3, "42.9%"),
        row("c20", "c21", 3, "42.9%"),
        row("c01", "c00", 1, "20.0%"),
    ]
    .concat();
    assert!(text.contains(&expected), "{text}");
    assert!(!text.contains("Confusion matrix (rows: truth"), "{text}");
    let _ = std::fs::remove_file(path);
    // Up to 20 classes the matrix is printed whole.
    let path = temp_csv("20-classes", &many_classes_file(20));
    let text = stdout(&report_on(&path, &[]));
    assert!(
        text.contains("Confusion matrix (rows: truth, columns: prediction)"),
        "{text}"
    );
    let _ = std::fs::remove_file(path);
}

#[test]
fn text_output_grows_with_the_class_count_not_its_square() {
    // 1,000 classes (each predicted right once, and as the next class once):
    // the full matrix alone would be over 11 MB of text.
    let mut file = b"y_true,y_pred\n".to_vec();
    for i in 0..1000 {
        file.extend_from_slice(format!("k{i},k{i}\nk{i},k{}\n", (i + 1) % 1000).as_bytes());
    }
    let path = temp_csv("1000-classes", &file);
    let out = report_on(&path, &["--max-classes", "1000"]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let text = stdout(&out);
    assert!(text.len() < 250_000, "{} bytes of text", text.len());
    assert!(
        text.contains("Most confused pairs (20 of 1,000 pairs with mistakes):"),
        "{text}"
    );
    let _ = std::fs::remove_file(path);
}

#[test]
fn control_characters_in_labels_never_reach_the_terminal() {
    // An OSC 8 hyperlink and a colour escape as labels.
    let osc = "\u{1b}]8;;http://evil.example\u{7}click\u{1b}]8;;\u{7}";
    let red = "\u{1b}[31mred";
    let path = temp_csv(
        "escapes",
        format!("y_true,y_pred\n{osc},{red}\n{red},{red}\n").as_bytes(),
    );
    let out = report_on(&path, &[]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let text = stdout(&out);
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
    assert!(text.contains("\\x1b[31mred"), "{text}");
    let markdown = stdout(&report_on(&path, &["--markdown"]));
    assert!(
        !markdown.contains('\u{1b}') && !markdown.contains('\u{7}'),
        "{markdown:?}"
    );
    // An error quoting a label or an option shows the escape, too.
    let out = report_on(&path, &["--positive", "\u{1b}[2J"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!stderr(&out).contains('\u{1b}'), "{:?}", stderr(&out));
    assert!(
        stderr(&out).contains("\"\\x1b[2J\" is not a label"),
        "{}",
        stderr(&out)
    );
    let _ = std::fs::remove_file(path);
}

#[test]
fn markdown_output_escapes_labels() {
    // Neither label reads as positive: the last sorted ("[x](…)") is taken,
    // and the warning saying so quotes it.
    let path = temp_csv(
        "markdown",
        b"y_true,y_pred\n[x](http://e.com),<b>b</b>\n<b>b</b>,<b>b</b>\n[x](http://e.com),[x](http://e.com)\n",
    );
    let out = report_on(&path, &["--markdown"]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let md = stdout(&out);
    assert!(
        md.contains("so \"\\[x\\](http\\://e.com)\" (the one that sorts last)"),
        "{md}"
    );
    assert!(!md.contains("[x](http"), "{md}");
    let _ = std::fs::remove_file(path);
}

#[test]
fn counts_of_one_read_in_the_singular() {
    // One bad row skipped (line 3), three rows read.
    let path = temp_csv("one-bad-row", b"y_true,y_pred\n1,1\n0,1,1\n0,0\n1,0\n");
    let out = report_on(&path, &["--skip-bad-rows"]);
    let text = stdout(&out);
    assert!(
        text.contains(
            "Read 3 rows (true labels: \"y_true\", predictions: \"y_pred\"); skipped 1 bad row\n"
        ),
        "{text}"
    );
    let _ = std::fs::remove_file(path);
    let path = temp_csv("one-row", b"y_true,y_pred\n1,1\n");
    let text = stdout(&report_on(&path, &[]));
    assert!(
        text.starts_with("fitcheck — binary report, 1 example\nRead 1 row "),
        "{text}"
    );
    assert!(
        !text.contains(" 1 examples") && !text.contains(" 1 rows"),
        "{text}"
    );
    let _ = std::fs::remove_file(path);
    let out = fitcheck(&[
        "counts", "--tp", "1", "--fn", "0", "--fp", "0", "--tn", "0", "--json",
    ]);
    let v = json_of(&out);
    let degenerate = v["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .find(|w| w["id"] == "degenerate")
        .expect("a degenerate warning");
    assert!(
        degenerate["message"]
            .as_str()
            .unwrap_or("")
            .starts_with("The model always predicts positive: the only example is called positive, so every one of the 0 negatives"),
        "{degenerate}"
    );
    // One distinct score: "over 1 distinct threshold".
    let path = temp_csv("one-threshold", b"y_true,score\n1,0.5\n0,0.5\n");
    let v = json_of(&report_on(&path, &["--json"]));
    let formula = v["explanations"]["roc_auc"]["formula"]
        .as_str()
        .unwrap_or("");
    assert!(
        formula.contains("over 1 distinct threshold = "),
        "{formula}"
    );
    let _ = std::fs::remove_file(path);
    // A column number past a one-column file.
    let path = temp_csv("one-column", b"y_true\n1\n0\n");
    let out = report_on(&path, &["--truth", "3"]);
    assert_eq!(
        stderr(&out),
        "error: the true labels column is set to number 3, but the file has 1 column; the columns are: y_true\n"
    );
    let _ = std::fs::remove_file(path);
}

#[test]
fn counts_reports_follow_the_bootstrap_seed_and_resamples() {
    let f1 = |extra: &[&str]| {
        json_of(&worked_with(&[&["--json"], extra].concat()))["intervals"]["f1"].clone()
    };
    assert_eq!(f1(&[]), f1(&["--seed", "42"]), "42 is the default seed");
    assert_ne!(f1(&["--seed", "1"]), f1(&["--seed", "2"]));
    assert_ne!(f1(&["--resamples", "100"]), f1(&[]));
    assert_rejected(
        &[&WORKED[..], &["--resamples", "99"]].concat(),
        "resamples: 99 is not allowed",
    );
}
