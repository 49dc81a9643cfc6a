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
            "error: line 3, column 2 (\"score\"): \"1{}…\" is not a finite number: scores must be real numbers\n",
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
