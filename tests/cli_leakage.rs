//! `fitcheck leakage` as a terminal or CI uses it: JSON, text and Markdown
//! on small files written here; bad input exits 2 with one line.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::Value;

use support::cli::{file, fitcheck, rejected};

const TRAIN: &str =
    "id,text,x,label\n1,hello,1,pos\n2,\"a,b\",2.0,neg\n3,hello,1,pos\n4,zz,3,neg\n";
const TEST: &str = "label;x;text;id\npos;1e0;hello;9\npos;1.0;hello;10\nneg;1;hello;11\nneg;2;\"a,b\";12\nneg;7;new;13\n";

#[test]
fn json_follows_the_contract() {
    let (train, test) = (
        file("json", "train.csv", TRAIN),
        file("json", "test.csv", TEST),
    );
    let out = fitcheck(&["leakage", &train, &test, "--ignore", "id", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    // The keys in the order printed.
    let printed = String::from_utf8_lossy(&out.stdout).into_owned();
    let keys: Vec<&str> = printed
        .lines()
        .filter(|l| l.starts_with("  \""))
        .filter_map(|l| l.trim().strip_prefix('"')?.split('"').next())
        .collect();
    assert_eq!(
        keys,
        vec![
            "kind",
            "train_rows",
            "test_rows",
            "columns",
            "label",
            "ignored",
            "normalize_text",
            "test_in_train",
            "test_in_train_ignoring_label",
            "conflicting_labels",
            "train_duplicates",
            "test_duplicates",
            "examples",
            "warnings",
            "verdict"
        ]
    );
    assert_eq!(v["kind"], "leakage");
    assert_eq!(v["train_rows"], 4);
    assert_eq!(v["test_rows"], 5);
    assert_eq!(v["columns"], serde_json::json!(["text", "x", "label"]));
    assert_eq!(v["label"], "label");
    // Test rows 1, 2 (hello, 1, pos twice) and 4 ("a,b", 2, neg) are training rows.
    assert_eq!(
        v["test_in_train"],
        serde_json::json!({"rows": 3, "ratio": 0.6})
    );
    assert_eq!(
        v["test_in_train_ignoring_label"],
        serde_json::json!({"rows": 4, "ratio": 0.8})
    );
    // hello, 1 with neg: training has it with pos only.
    assert_eq!(
        v["conflicting_labels"],
        serde_json::json!({"rows": 1, "ratio": 0.2})
    );
    assert_eq!(
        v["train_duplicates"],
        serde_json::json!({"rows": 1, "ratio": 0.25})
    );
    assert_eq!(
        v["test_duplicates"],
        serde_json::json!({"rows": 1, "ratio": 0.2})
    );
    assert_eq!(
        v["examples"],
        serde_json::json!([
            {"test_line": 2, "train_line": 2},
            {"test_line": 3, "train_line": 2},
            {"test_line": 5, "train_line": 3}
        ])
    );
    assert_eq!(v["warnings"][0]["id"], "train_test_overlap");
    assert_eq!(v["warnings"][0]["severity"], "high");
    assert_eq!(v["warnings"][1]["id"], "conflicting_labels");
    assert_eq!(v["verdict"]["status"], "leaky");
}

#[test]
fn text_and_markdown_say_the_numbers() {
    let (train, test) = (
        file("text", "train.csv", TRAIN),
        file("text", "test.csv", TEST),
    );
    let out = fitcheck(&["leakage", &train, &test, "--ignore", "id"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("Verdict: LEAKY — 60.0% of the test set is in the training set"),
        "{text}"
    );
    assert!(
        text.contains("Test rows seen in training: 3 (60.0%)"),
        "{text}"
    );
    assert!(text.contains("Conflicting labels: 1 (20.0%)"), "{text}");
    let out = fitcheck(&["leakage", &train, &test, "--ignore", "id", "--markdown"]);
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.starts_with("## Leakage: **LEAKY**"), "{md}");
    assert!(
        md.contains("- **train_test_overlap**: 3 of the 5 test rows (60.0%)"),
        "{md}"
    );
    // Without --ignore the ids differ: no overlap.
    let out = fitcheck(&["leakage", &train, &test, "--json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["test_in_train"]["rows"], 0);
    assert_eq!(v["verdict"]["status"], "clean");
}

#[test]
fn label_and_normalize_flags() {
    let train = file("flags", "train.csv", "t,grade\n\"Hello, World\",1\n");
    let test = file("flags", "test.csv", "t,grade\nhello world,2\n");
    let out = fitcheck(&[
        "leakage",
        &train,
        &test,
        "--label",
        "grade",
        "--normalize-text",
        "--json",
    ]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["label"], "grade");
    assert_eq!(v["normalize_text"], true);
    assert_eq!(v["test_in_train"]["rows"], 0);
    assert_eq!(v["conflicting_labels"]["rows"], 1);
}

#[test]
fn bad_input_exits_2_with_one_line() {
    let train = file("bad", "train.csv", "a,b,label\n1,2,3\n");
    let test = file("bad", "test.csv", "a,label\n1,3\n");
    rejected(
        &fitcheck(&["leakage", &train, &test]),
        "error: the column \"b\" is in the training file but not in the test file",
    );
    let empty = file("bad", "empty.csv", "");
    rejected(
        &fitcheck(&["leakage", &empty, &test]),
        "the training file: the file is empty",
    );
    let header = file("bad", "header.csv", "a,b,label\n");
    rejected(
        &fitcheck(&["leakage", &train, &header]),
        "the test file: the file has a header row but no data rows",
    );
    let ragged = file("bad", "ragged.csv", "a,b,label\n1,2,3\n1,2\n");
    rejected(
        &fitcheck(&["leakage", &train, &ragged]),
        "line 3: expected 3 fields, found 2 (in the test file)",
    );
    rejected(
        &fitcheck(&["leakage", &train, "/no/such/file.csv"]),
        "cannot read /no/such/file.csv",
    );
    rejected(&fitcheck(&["leakage", &train]), "TEST");
}

#[test]
fn skip_bad_rows_flag_skips_ragged_rows_with_a_warning() {
    let train = file("skip", "train.csv", "a,label\n1,x\n2\n3,y\n");
    let test = file("skip", "test.csv", "a,label\n3,y\na,label\n4,z\n");
    rejected(
        &fitcheck(&["leakage", &train, &test]),
        "line 3: expected 2 fields, found 1 (in the training file)",
    );
    let out = fitcheck(&["leakage", &train, &test, "--skip-bad-rows", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["train_rows"], 2);
    assert_eq!(v["test_rows"], 2);
    assert_eq!(v["test_in_train"]["rows"], 1);
    assert_eq!(
        v["examples"],
        serde_json::json!([{"test_line": 2, "train_line": 4}])
    );
    let warnings: Vec<(&str, &str)> = v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| (w["id"].as_str().unwrap(), w["severity"].as_str().unwrap()))
        .collect();
    assert_eq!(
        warnings,
        vec![
            ("skipped_rows", "high"),
            ("train_test_overlap", "high"),
            ("repeated_header", "medium")
        ]
    );
    assert_eq!(
        v["warnings"][0]["message"],
        "In the training file, 1 bad row was skipped; the counts cover its other 2 rows. First skipped: line 3: expected 2 fields, found 1."
    );
    assert_eq!(
        v["warnings"][2]["message"],
        "The test file's header row appears again on line 3, as when two CSV files are joined with cat; it was skipped, not read as data. Check that the parts belong together."
    );
}
