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
