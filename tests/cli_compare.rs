//! `fitcheck compare` as a terminal or CI uses it: one file, two files,
//! counts; JSON, text and Markdown; bad input exits 2 with one line.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::Value;
use std::process::Output;
use support::cli::{file, fitcheck, rejected};

fn json_of(out: &Output) -> Value {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "stderr: {err}");
    serde_json::from_slice(&out.stdout).expect("one JSON document")
}

const ONE: &str =
    "y_true,base,tuned\n1,1,1\n1,0,1\n1,0,1\n1,1,0\n0,0,0\n0,1,0\n0,0,0\n0,0,1\n1,0,0\n0,1,1\n";

#[test]
fn one_file_json_follows_the_contract() {
    let path = file("one", "both.csv", ONE);
    let r = json_of(&fitcheck(&[
        "compare",
        &path,
        "--json",
        "--resamples",
        "500",
        "--seed",
        "7",
    ]));
    assert_eq!(r["kind"], "comparison");
    assert_eq!(r["n"], 10);
    assert_eq!(r["models"], serde_json::json!(["base", "tuned"]));
    for key in [
        "a",
        "b",
        "delta",
        "differences",
        "mcnemar",
        "bootstrap",
        "power",
        "flips",
        "verdict",
        "warnings",
        "source",
        "options",
    ] {
        assert!(r.get(key).is_some(), "missing {key}");
    }
    assert_eq!(r["a"]["kind"], "binary");
    assert_eq!(r["mcnemar"]["a_only"], 2);
    assert_eq!(r["mcnemar"]["b_only"], 3);
    assert_eq!(r["bootstrap"]["resamples"], 500);
    assert_eq!(r["bootstrap"]["seed"], 7);
    assert_eq!(r["flips"]["a_only_lines"], serde_json::json!([5, 9]));
    assert!(r.get("delong").is_none(), "labels: no DeLong");
    // The same seed gives the same output.
    let again = json_of(&fitcheck(&[
        "compare",
        &path,
        "--json",
        "--resamples",
        "500",
        "--seed",
        "7",
    ]));
    assert_eq!(r, again);
}

#[test]
fn two_files_with_scores_get_delong_and_write_the_flips() {
    let before = file(
        "two",
        "before.csv",
        "y_true,score\n1,0.6\n1,0.4\n0,0.5\n0,0.3\n1,0.2\n0,0.1\n",
    );
    let after = file(
        "two",
        "after.csv",
        "y_true,score\n1,0.9\n1,0.8\n0,0.1\n0,0.2\n1,0.7\n0,0.3\n",
    );
    let flips = file("two", "flips.csv", "");
    let r = json_of(&fitcheck(&[
        "compare", &before, &after, "--json", "--flips", &flips,
    ]));
    assert_eq!(r["models"], serde_json::json!(["before.csv", "after.csv"]));
    assert_eq!(r["source"]["form"], "two_files");
    assert_eq!(r["delong"]["auc_b"], 1.0);
    let written = std::fs::read_to_string(&flips).unwrap();
    // A at 0.5: rows 1 (0.6 right), 2 (0.4 wrong), 3 (0.5 wrong), 5 (0.2 wrong); B right everywhere.
    assert_eq!(
        written,
        "change,line,line_b,y_true,before.csv,after.csv\ngot_better,3,3,1,0.4,0.8\ngot_better,4,4,0,0.5,0.1\ngot_better,6,6,1,0.2,0.7\n"
    );
}

#[test]
fn text_and_markdown_outputs() {
    let path = file("text", "both.csv", ONE);
    let out = fitcheck(&["compare", &path]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("Comparison of 10 examples: A = base, B = tuned"),
        "{text}"
    );
    assert!(text.contains("Verdict: NO DETECTABLE DIFFERENCE"), "{text}");
    let out = fitcheck(&["compare", &path, "--markdown"]);
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.starts_with("## Comparison: base → tuned"), "{md}");
    assert!(md.contains("| metric | A | B | B − A | 95% CI | |"), "{md}");
}

#[test]
fn counts_comparison() {
    let r = json_of(&fitcheck(&[
        "compare",
        "--counts-a",
        "85,15,10,90",
        "--counts-b",
        "80,20,5,95",
        "--json",
    ]));
    assert_eq!(r["kind"], "counts_comparison");
    assert_eq!(r["discordant"]["min"]["a_only"], 5);
    assert_eq!(r["discordant"]["max"]["b_only"], 25);
    assert_eq!(r["verdict"]["status"], "no_detectable_difference");
}

#[test]
fn bad_input_exits_2_with_one_line() {
    let before = file("bad", "before.csv", "y_true,pred\n1,1\n0,1\n1,0\n");
    let after = file("bad", "after.csv", "y_true,pred\n1,1\n1,1\n1,0\n");
    let short = file("bad", "short.csv", "y_true,pred\n1,1\n");
    let three = file("bad", "three.csv", "y_true,a,b,c\n1,1,0,1\n");
    rejected(
        &fitcheck(&["compare", &before, &after]),
        "the two files disagree on the true label of data row 2: \"before.csv\" line 3 says \"0\", \"after.csv\" line 3 says \"1\"",
    );
    rejected(
        &fitcheck(&["compare", &before, &short]),
        "\"before.csv\" has 3 rows and \"short.csv\" has 1 row",
    );
    rejected(
        &fitcheck(&["compare", &three]),
        "cannot tell which two columns hold the models' predictions or scores",
    );
    rejected(
        &fitcheck(&["compare", &before]),
        "a comparison needs the true labels and two models'",
    );
    rejected(
        &fitcheck(&["compare", &three, "--a", "zz"]),
        "there is no column named \"zz\" for the model A predictions",
    );
    rejected(
        &fitcheck(&["compare", &before, &after, "--a-kind", "prob"]),
        "\"prob\" is not a kind: use score or label",
    );
    rejected(
        &fitcheck(&["compare"]),
        "give one CSV with the truth and two model columns",
    );
    rejected(
        &fitcheck(&["compare", "--counts-a", "1,2,3"]),
        "is not four counts",
    );
    rejected(
        &fitcheck(&[
            "compare",
            "--counts-a",
            "85,15,10,90",
            "--counts-b",
            "80,20,5,96",
        ]),
        "must be counted on the same test set",
    );
    rejected(
        &fitcheck(&["compare", &before, &after, "--resamples", "3"]),
        "resamples",
    );
}
