#![cfg(not(target_arch = "wasm32"))]
//! Malformed prediction files, each with the exact sentence the user reads
//! and the line it points at — through the library (`Error::to_string()`,
//! `Error::line()`) and through the `fitcheck report` binary, which must
//! exit with status 2, print nothing on stdout and exactly one line
//! `error: <message>` on stderr.
//!
//! The fixtures live in `tests/fixtures/malformed/`; binary inputs are made
//! here and fed to the binary on stdin (`-`). Every fixture file must be used
//! by a case (checked below), so none goes stale unnoticed.

use fitcheck::input::ingest::{ColumnRef, Dataset, Ingest, IngestOptions, SkippedRow};
use fitcheck::report::file_report::{dataset_report, FileReportOptions};
use fitcheck::{Error, Report};
use serde_json::{json, Value};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

mod malformed_support;

fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/malformed")
}

/// Where a case's bytes come from.
#[derive(Clone, Copy)]
enum Source {
    /// A file in `tests/fixtures/malformed/`.
    File(&'static str),
    /// Bytes made by the test, given to the binary on stdin.
    Made(&'static str, fn() -> Vec<u8>),
}

impl Source {
    fn name(&self) -> &'static str {
        match self {
            Source::File(name) | Source::Made(name, _) => name,
        }
    }

    fn bytes(&self) -> Vec<u8> {
        match self {
            Source::File(name) => std::fs::read(fixture_dir().join(name))
                .unwrap_or_else(|e| panic!("fixture {name}: {e}")),
            Source::Made(_, make) => make(),
        }
    }
}

/// A zip (xlsx) file's first bytes: "PK\3\4", version 20, flags 0.
fn xlsx() -> Vec<u8> {
    let mut b = b"PK\x03\x04\x14\x00\x06\x00\x08\x00".to_vec();
    b.extend_from_slice(b"[Content_Types].xml");
    b
}

/// A CSV with one zero byte in a data row (byte 17).
fn csv_with_zero() -> Vec<u8> {
    b"y_true,y_pred\n1,\x000\n".to_vec()
}

/// Excel's "Unicode text": UTF-16 LE with a byte order mark (zero at byte 4).
fn utf16() -> Vec<u8> {
    let mut b = vec![0xFF, 0xFE];
    for u in "y_true\ty_pred\r\n1\t1\r\n".encode_utf16() {
        b.extend_from_slice(&u.to_le_bytes());
    }
    b
}

/// UTF-16 big-endian without a byte order mark: a zero before every ASCII byte.
fn utf16_be_no_bom() -> Vec<u8> {
    "y_true,y_pred\n1,1\n0,1\n"
        .encode_utf16()
        .flat_map(u16::to_be_bytes)
        .collect()
}

/// 14 header bytes, 17,501 rows of 4 bytes (to byte 70,018), then `1,` and
/// a zero: the zero is byte 70,021, past the 64 KiB (65,536 bytes) sniffed.
fn zero_past_64_kib() -> Vec<u8> {
    let mut b = b"y_true,y_pred\n".to_vec();
    for _ in 0..17_500 {
        b.extend_from_slice(b"0,1\n");
    }
    b.extend_from_slice(b"1,1\n1,\x00\n");
    b
}

/// A UTF-8 byte order mark, a header, then a zero byte: the 18th byte.
fn bom_then_zero() -> Vec<u8> {
    b"\xEF\xBB\xBFy_true,y_pred\n\x00".to_vec()
}

/// `y_true\ty_pred` and one row, UTF-16 big-endian with a byte order mark.
fn utf16_be() -> Vec<u8> {
    malformed_support::utf16_be_bom("y_true\ty_pred\r\n1\t1\r\n")
}

fn one_mib() -> Vec<u8> {
    malformed_support::one_mib_line("")
}

fn ten_thousand() -> Vec<u8> {
    malformed_support::ten_thousand_columns("c1")
}

/// Library options matching a case's command-line flags.
type Options = fn() -> (IngestOptions, FileReportOptions);

fn plain() -> (IngestOptions, FileReportOptions) {
    (IngestOptions::new(), FileReportOptions::default())
}
fn truth_gold() -> (IngestOptions, FileReportOptions) {
    let o = IngestOptions::new().truth(ColumnRef::Name("gold".into()));
    (o, FileReportOptions::default())
}
fn truth_3() -> (IngestOptions, FileReportOptions) {
    let o = IngestOptions::new().truth(ColumnRef::Index(3));
    (o, FileReportOptions::default())
}
fn positive_2() -> (IngestOptions, FileReportOptions) {
    let r = FileReportOptions {
        positive: Some("2".into()),
        ..FileReportOptions::default()
    };
    (IngestOptions::new(), r)
}
fn threshold_nan() -> (IngestOptions, FileReportOptions) {
    let r = FileReportOptions {
        threshold: f64::NAN,
        ..FileReportOptions::default()
    };
    (IngestOptions::new(), r)
}
fn skip() -> (IngestOptions, FileReportOptions) {
    (
        IngestOptions::new().skip_bad_rows(true),
        FileReportOptions::default(),
    )
}

/// One malformed input: its source, the extra flags (and the same as library
/// options), the exact message and the line it names.
struct Case {
    source: Source,
    flags: &'static [&'static str],
    options: Options,
    message: String,
    line: Option<u64>,
}

const TOO_MANY: &str =
    "— is that the right column? Choose another column, or raise the class limit to continue";
/// What the command line adds to [`TOO_MANY`]: the flag that raises the limit.
const CLI_HINT: &str = " (--max-classes)";
const ONE_COLUMN: &str = "fitcheck needs true labels and predictions (or scores) in two columns, separated by a comma, semicolon or tab";
const BINARY: &str = "this looks like a binary file, not CSV text";
use malformed_support::SAVE_AS_UTF8;
const UTF16: &str = "Excel calls it \"Unicode Text\"), not UTF-8: save it as \"CSV UTF-8\" in Excel, or convert it (for example iconv -f UTF-16 -t UTF-8), then load it again";

#[rustfmt::skip]
fn cases() -> Vec<Case> {
    use Source::{File, Made};
    let c = |source, flags, options, message: &str, line| Case { source, flags, options, message: message.to_string(), line };
    vec![
        c(File("wrong_field_count.csv"), &[], plain, "line 3: expected 2 fields, found 3", Some(3)),
        c(File("too_few_fields.csv"), &[], plain, "line 4: expected 2 fields, found 1", Some(4)),
        c(File("score_not_a_number.csv"), &[], plain, "line 4, column 2 (\"score\"): \"high\" is not a number", Some(4)),
        // Long text is cut to 40 characters and an ellipsis.
        c(File("score_long_text.csv"), &[], plain, "line 3, column 2 (\"score\"): \"the model was not sure about this one at…\" is not a number", Some(3)),
        c(File("score_decimal_comma.csv"), &[], plain, "line 2, column 2 (\"score\"): \"0,9\" is not a number", Some(2)),
        c(File("score_nan.csv"), &[], plain, "line 3, column 2 (\"score\"): \"NaN\" is not a finite number: scores must be real numbers", Some(3)),
        c(File("score_inf.csv"), &[], plain, "line 2, column 2 (\"score\"): \"inf\" is not a finite number: scores must be real numbers", Some(2)),
        c(File("score_minus_infinity.csv"), &[], plain, "line 4, column 2 (\"score\"): \"-Infinity\" is not a finite number: scores must be real numbers", Some(4)),
        c(File("score_empty_column.csv"), &[], plain, "line 2, column 2 (\"score\"): the score is empty", Some(2)),
        c(File("empty.csv"), &[], plain, "the file is empty: there are no rows to read", None),
        c(File("blank_lines_only.csv"), &[], plain, "the file has no data: every line is blank", None),
        // Lines of spaces and tabs are blank lines too: no data, not "one column".
        c(File("spaces_only.csv"), &[], plain, "the file has no data: every line is blank", None),
        c(File("header_only.csv"), &[], plain, "the file has a header row but no data rows", None),
        c(File("header_only_no_newline.csv"), &[], plain, "the file has a header row but no data rows", None),
        c(File("empty_label.csv"), &[], plain, "line 3, column 1 (\"y_true\"): the label is empty", Some(3)),
        // An all-empty column fails on its first row; skipping bad rows leaves none.
        c(File("empty_pred_column.csv"), &[], plain, "line 2, column 2 (\"y_pred\"): the label is empty", Some(2)),
        c(File("empty_pred_column.csv"), &["--skip-bad-rows"], skip, "every data row was bad (3 skipped); the first: line 2, column 2 (\"y_pred\"): the label is empty", None),
        c(File("one_column.csv"), &[], plain, &format!("the file has only one column (\"y_true\"); {ONE_COLUMN}"), None),
        c(File("one_column_headerless.csv"), &[], plain, &format!("the file has only one column (\"column 1\"); {ONE_COLUMN}"), None),
        c(File("three_unnamed_columns.csv"), &[], plain, "cannot tell which column holds the true labels: choose it; the columns are: a, b, c", None),
        c(File("labels_0_1.csv"), &["--truth", "gold"], truth_gold, "there is no column named \"gold\" for the true labels; the columns are: y_true, y_pred", None),
        c(File("labels_0_1.csv"), &["--truth", "3"], truth_3, "the true labels column is set to number 3, but the file has 2 columns; the columns are: y_true, y_pred", None),
        c(File("labels_0_1.csv"), &["--positive", "2"], positive_2, "positive: \"2\" is not a label in the file; the labels are \"0\" and \"1\"", None),
        c(File("scores_0_1.csv"), &["--threshold", "nan"], threshold_nan, "threshold: must be a finite number", None),
        c(File("three_class_scores.csv"), &[], plain, "a score column needs two classes in the true labels, but \"y_true\" holds 3: \"0\", \"1\", \"2\". Choose a predicted-label column instead", None),
        c(File("one_text_class_scores.csv"), &[], plain, "every example has the label \"cat\": a binary report needs two classes. Name the positive class to continue", None),
        // c000 … c099 on lines 2–101; c100, the 101st label, on line 102.
        c(File("too_many_classes.csv"), &[], plain, &format!("line 102: more than 100 distinct labels (the limit was passed in column \"y_true\") {TOO_MANY}"), Some(102)),
        // Invalid UTF-8 names the byte of the cell and its value (0xE9: "é" in Latin-1).
        c(File("latin1_label.csv"), &[], plain, &format!("line 3, column 2 (\"y_pred\"): byte 4 of the cell (0xE9) {SAVE_AS_UTF8}"), Some(3)),
        c(File("score_invalid_utf8.csv"), &[], plain, &format!("line 3, column 2 (\"score\"): byte 3 of the cell (0xE9) {SAVE_AS_UTF8}"), Some(3)),
        // Numbers std reads as infinity, in other bases, or in other digits.
        c(File("score_1e400.csv"), &[], plain, "line 3, column 2 (\"score\"): \"1e400\" is too large for a number (beyond ±1.8e308): scores must be finite real numbers", Some(3)),
        c(File("score_hex.csv"), &[], plain, "line 4, column 2 (\"score\"): \"0x10\" is not a number", Some(4)),
        c(File("score_arabic_indic_digits.csv"), &[], plain, "line 3, column 2 (\"score\"): \"١٢٣\" is not a number (write numbers with the digits 0–9)", Some(3)),
        // A 10 KB label is quoted to 200 characters and an ellipsis.
        c(File("one_label_10kb.csv"), &[], plain, &format!("every example has the label \"{}…\": a binary report needs two classes. Name the positive class to continue", "L".repeat(200)), None),
        c(Made("UTF-16 big-endian text with a byte order mark", utf16_be), &[], plain, &format!("this file is UTF-16 text (big-endian; {UTF16}"), None),
        // One line of 1 MiB, no delimiter, no line break: one column.
        c(Made("a single line of 1 MiB", one_mib), &[], plain, &format!("the file has only one column (\"column 1\"); {ONE_COLUMN}"), None),
        // 10,000 columns, none named: the list of names stops near 200 characters.
        c(Made("10,000 unnamed columns", ten_thousand), &[], plain, &format!("cannot tell which column holds the true labels: choose it; the columns are: {}, … (10,000 in all)", (1..=42).map(|i| format!("c{i}")).collect::<Vec<_>>().join(", ")), None),
        c(Made("xlsx (zip) bytes", xlsx), &[], plain, &format!("{BINARY} (a zero byte at byte 6); export the predictions as CSV"), None),
        c(Made("CSV with a zero byte", csv_with_zero), &[], plain, &format!("{BINARY} (a zero byte at byte 17); export the predictions as CSV"), None),
        c(Made("UTF-16 text", utf16), &[], plain, &format!("this file is UTF-16 text (little-endian; {UTF16}"), None),
        c(Made("UTF-16 big-endian text without a byte order mark", utf16_be_no_bom), &[], plain, &format!("this file is UTF-16 text (big-endian; {UTF16}"), None),
        // One rule for zero bytes: past the first 64 KiB too (byte 70,021 is the zero).
        c(Made("a zero byte past 64 KiB", zero_past_64_kib), &[], plain, &format!("{BINARY} (a zero byte at byte 70021); export the predictions as CSV"), None),
    ]
}

/// Reads bytes through the library, whole or in chunks of `chunk` bytes.
fn read(bytes: &[u8], options: IngestOptions, chunk: usize) -> Result<Dataset, Error> {
    let mut ingest = Ingest::new(options);
    for part in bytes.chunks(chunk.max(1)) {
        ingest.push(part)?;
    }
    ingest.finish()
}

fn library(bytes: &[u8], options: Options, chunk: usize) -> Result<Report, Error> {
    let (ingest, report) = options();
    dataset_report(&read(bytes, ingest, chunk)?, &report)
}

/// Runs `fitcheck report <file> <flags>`, the file given by path or on stdin.
fn cli(source: Source, flags: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_fitcheck"));
    cmd.arg("report");
    let stdin = match source {
        Source::File(name) => {
            cmd.arg(fixture_dir().join(name));
            None
        }
        Source::Made(_, make) => {
            cmd.arg("-");
            Some(make())
        }
    };
    cmd.args(flags)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("the fitcheck binary runs");
    let mut pipe = child.stdin.take().expect("stdin");
    if let Some(bytes) = stdin {
        // A failed write means the binary stopped reading early; its output says why.
        let _ = pipe.write_all(&bytes);
    }
    drop(pipe);
    child.wait_with_output().expect("fitcheck finishes")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

#[test]
fn each_malformed_file_fails_with_its_exact_message_and_line() {
    for case in cases() {
        let name = format!("{} {:?}", case.source.name(), case.flags);
        let bytes = case.source.bytes();
        for chunk in [bytes.len(), 1, 7] {
            let err = library(&bytes, case.options, chunk)
                .err()
                .unwrap_or_else(|| panic!("{name} (chunks of {chunk}): no error"));
            assert_eq!(err.to_string(), case.message, "{name} (chunks of {chunk})");
            assert_eq!(err.line(), case.line, "{name} (chunks of {chunk}): line");
        }
    }
}

#[test]
fn each_malformed_file_fails_the_same_on_the_command_line() {
    for case in cases() {
        let name = format!("{} {:?}", case.source.name(), case.flags);
        for json in [true, false] {
            let mut flags = case.flags.to_vec();
            if json {
                flags.push("--json");
            }
            let out = cli(case.source, &flags);
            assert_eq!(
                out.status.code(),
                Some(2),
                "{name} {flags:?}: status; stderr {}",
                text(&out.stderr)
            );
            assert_eq!(text(&out.stdout), "", "{name} {flags:?}: stdout");
            let hint = if case.message.ends_with(TOO_MANY) {
                CLI_HINT
            } else {
                ""
            };
            assert_eq!(
                text(&out.stderr),
                format!("error: {}{hint}\n", case.message),
                "{name} {flags:?}: stderr"
            );
        }
    }
}

#[test]
fn every_fixture_file_is_used() {
    let used: Vec<&str> = cases()
        .iter()
        .map(|c| c.source.name())
        .chain(ALSO_USED.iter().copied())
        .collect();
    let mut unused = Vec::new();
    for entry in std::fs::read_dir(fixture_dir()).expect("fixture folder") {
        let entry = entry.expect("entry");
        // The other readers' folders are checked by their own tests.
        if entry.file_type().expect("file type").is_dir() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        if !used.contains(&name.as_str()) {
            unused.push(name);
        }
    }
    assert!(unused.is_empty(), "fixtures no case uses: {unused:?}");
}

/// Fixtures used by the tests below rather than by the table.
const ALSO_USED: [&str; 11] = [
    "labels_negative_zero.csv",
    "labels_html.csv",
    "labels_rtl_emoji.csv",
    "two_files_joined.csv",
    "labels_differ_by_case_or_space.csv",
    "skip_bad_rows.csv",
    "labels_written_as_decimals.csv",
    "one_label_1.csv",
    "too_many_classes_between_columns.csv",
    "unterminated_quote.csv",
    "labels_0_1.csv",
];

fn report_json(out: &Output) -> Value {
    assert_eq!(out.status.code(), Some(0), "stderr: {}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "", "stderr");
    serde_json::from_slice(&out.stdout).expect("stdout is one JSON document")
}

#[test]
fn raising_max_classes_reads_the_file_with_101_classes() {
    let out = cli(
        Source::File("too_many_classes.csv"),
        &["--max-classes", "1000", "--json"],
    );
    let v = report_json(&out);
    assert_eq!(v["kind"], "multiclass");
    assert_eq!(v["n"], 101);
    let labels: Vec<String> = (0..101).map(|i| format!("c{i:03}")).collect();
    assert_eq!(v["labels"], json!(labels));
    // y_pred = y_true on every row: a perfect diagonal.
    assert_eq!(v["metrics"]["accuracy"], 1.0);
    let confusion = v["confusion"].as_array().expect("matrix");
    assert_eq!(confusion.len(), 101);
    for (i, row) in confusion.iter().enumerate() {
        let row: Vec<u64> = row
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_u64().unwrap())
            .collect();
        let mut want = vec![0; 101];
        want[i] = 1;
        assert_eq!(row, want, "row {i}");
    }

    let bytes = Source::File("too_many_classes.csv").bytes();
    let data = read(&bytes, IngestOptions::new().max_classes(1000), bytes.len()).expect("reads");
    assert_eq!(data.labels, labels);
    // One fewer than the file needs is still too few.
    let err = read(&bytes, IngestOptions::new().max_classes(100), bytes.len()).unwrap_err();
    assert_eq!(err.line(), Some(102));
}

#[rustfmt::skip]
#[test]
fn skipped_rows_are_counted_shown_and_warned_about() {
    // Lines: 1 header; 2 good; 3 three fields; 4 good; 5 empty label; 6 "high";
    // 7 good; 8 nan; 9 inf; 10 good; 11 one field; 12 empty score; 13 good.
    // Kept (truth, score): (1, .9) (0, .4) (1, .2) (1, .7) (0, .6); at 0.5:
    // tp 2 (.9 .7), fn 1 (.2), fp 1 (.6), tn 1 (.4).
    let samples = [
        (3, "line 3: expected 2 fields, found 3"),
        (5, "line 5, column 1 (\"y_true\"): the label is empty"),
        (6, "line 6, column 2 (\"score\"): \"high\" is not a number"),
        (8, "line 8, column 2 (\"score\"): \"nan\" is not a finite number: scores must be real numbers"),
        (9, "line 9, column 2 (\"score\"): \"inf\" is not a finite number: scores must be real numbers"),
    ];
    let warning = format!(
        "7 bad rows were skipped; the numbers cover the other 5. First skipped: {}.",
        samples.iter().map(|(_, m)| *m).collect::<Vec<_>>().join("; ")
    );

    // Library.
    let bytes = Source::File("skip_bad_rows.csv").bytes();
    for chunk in [bytes.len(), 1, 5] {
        let data = read(&bytes, IngestOptions::new().skip_bad_rows(true), chunk).expect("reads");
        assert_eq!(data.rows, 5);
        assert_eq!(data.skipped, 7);
        let want: Vec<SkippedRow> = samples.iter().map(|&(line, m)| SkippedRow { line, message: m.into() }).collect();
        assert_eq!(data.skipped_samples, want);
        let report = dataset_report(&data, &FileReportOptions::default()).expect("report");
        assert_eq!(report.confusion, vec![vec![1, 1], vec![1, 2]]);
        assert_eq!(report.warnings[0].id, "skipped_rows");
        assert_eq!(report.warnings[0].message, warning);
    }
    // Without skipping, the first bad row stops the reading.
    let err = read(&bytes, IngestOptions::new(), bytes.len()).unwrap_err();
    assert_eq!((err.to_string().as_str(), err.line()), ("line 3: expected 2 fields, found 3", Some(3)));

    // Command line.
    let v = report_json(&cli(Source::File("skip_bad_rows.csv"), &["--skip-bad-rows", "--json"]));
    assert_eq!(v["n"], 5);
    assert_eq!(v["counts"], json!({"tp": 2, "fn": 1, "fp": 1, "tn": 1}));
    assert_eq!(v["source"]["rows"], 5);
    assert_eq!(v["source"]["skipped_rows"], 7);
    let want: Vec<Value> = samples.iter().map(|(line, m)| json!({"line": line, "message": m})).collect();
    assert_eq!(v["source"]["skipped_samples"], json!(want));
    assert_eq!(v["warnings"][0], json!({"id": "skipped_rows", "severity": "high", "message": warning}));
    let skipped_warnings = v["warnings"].as_array().unwrap().iter().filter(|w| w["id"] == "skipped_rows").count();
    assert_eq!(skipped_warnings, 1);
}

#[test]
fn a_clean_file_has_no_skipped_rows_warning() {
    let v = report_json(&cli(
        Source::File("labels_0_1.csv"),
        &["--skip-bad-rows", "--json"],
    ));
    assert_eq!(v["source"]["skipped_rows"], 0);
    assert_eq!(v["source"]["skipped_samples"], json!([]));
    assert!(v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|w| w["id"] != "skipped_rows"));
    // truth 1 0 1, pred 0 1 1: tp 1, fn 1, fp 1, tn 0.
    assert_eq!(v["confusion"], json!([[0, 1], [1, 1]]));
}

#[test]
fn binary_after_a_bom_names_the_right_byte() {
    let message = format!("{BINARY} (a zero byte at byte 18); export the predictions as CSV");
    let err = library(&bom_then_zero(), plain, usize::MAX).unwrap_err();
    assert_eq!(err.to_string(), message);
    let out = cli(Source::Made("BOM then zero", bom_then_zero), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stderr), format!("error: {message}\n"));
}

#[test]
fn an_unterminated_quote_is_an_error_at_its_line() {
    // Line 2 opens a quote that never closes: `1,"0` … end of file.
    let bytes = Source::File("unterminated_quote.csv").bytes();
    let err = match library(&bytes, plain, bytes.len()) {
        Ok(r) => panic!("no error: {} row(s), labels {:?}", r.n, r.labels),
        Err(e) => e,
    };
    assert_eq!(err.line(), Some(2), "{err}");
    assert!(
        err.to_string()
            .starts_with("line 2, column 2 (\"y_pred\"): "),
        "{err}"
    );
    assert!(err.to_string().contains("quote"), "{err}");
    let out = cli(Source::File("unterminated_quote.csv"), &["--json"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stderr), format!("error: {err}\n"));
}

#[test]
fn too_many_classes_between_two_columns_does_not_blame_one_column() {
    // y_true a00 … a59, y_pred b00 … b59: 120 labels together, 60 per column.
    // The 101st distinct label (a50) is on line 52.
    let bytes = Source::File("too_many_classes_between_columns.csv").bytes();
    let err = library(&bytes, plain, bytes.len()).unwrap_err();
    assert_eq!(err.line(), Some(52));
    let message = err.to_string();
    assert_eq!(
        message,
        format!("line 52: more than 100 distinct labels (the limit was passed in column \"y_true\") {TOO_MANY}"),
        "y_true holds only 60 distinct labels: the message must count both columns"
    );
}

#[test]
fn a_closed_stdout_is_not_a_panic() {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    let out = Command::new(env!("CARGO_BIN_EXE_fitcheck"))
        .arg("report")
        .arg(fixture_dir().join("labels_0_1.csv"))
        .arg("--json")
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .expect("runs");
    let stderr = text(&out.stderr);
    assert!(!stderr.contains("panicked"), "stderr: {stderr}");
    assert!(
        out.status.code().is_some(),
        "killed by a signal: {:?}",
        out.status
    );
    assert!(stderr.lines().count() <= 1, "stderr: {stderr}");
}

fn positive(label: &str) -> FileReportOptions {
    FileReportOptions {
        positive: Some(label.into()),
        ..FileReportOptions::default()
    }
}

#[test]
fn positive_label_matches_numeric_labels_by_value() {
    // Rows (truth, pred): (1.0, 0.0) (0.0, 1.0) (1.0, 1.0): tp 1, fn 1, fp 1, tn 0.
    let bytes = Source::File("labels_written_as_decimals.csv").bytes();
    let data = read(&bytes, IngestOptions::new(), bytes.len()).expect("reads");
    assert_eq!(data.labels, vec!["0", "1"]);
    for p in ["1", "1.0"] {
        let r =
            dataset_report(&data, &positive(p)).unwrap_or_else(|e| panic!("--positive {p}: {e}"));
        assert_eq!(r.pos_label.as_deref(), Some("1"), "--positive {p}");
        assert_eq!(r.confusion, vec![vec![0, 1], vec![1, 1]], "--positive {p}");
    }
    let v = report_json(&cli(
        Source::File("labels_written_as_decimals.csv"),
        &["--positive", "1.0", "--json"],
    ));
    assert_eq!(v["pos_label"], "1");
    assert_eq!(v["counts"], json!({"tp": 1, "fn": 1, "fp": 1, "tn": 0}));
}

#[test]
fn positive_label_spelled_differently_is_the_same_class() {
    // Every row is (1, 1): with 1 positive, tp = 2 and the partner 0 is empty.
    let bytes = Source::File("one_label_1.csv").bytes();
    let data = read(&bytes, IngestOptions::new(), bytes.len()).expect("reads");
    let plain_report = dataset_report(&data, &positive("1")).expect("report");
    assert_eq!(plain_report.labels, vec!["0", "1"]);
    assert_eq!(plain_report.confusion, vec![vec![0, 0], vec![0, 2]]);
    let r = dataset_report(&data, &positive("1.0")).expect("report");
    assert_eq!(r.labels, vec!["0", "1"]);
    assert_eq!(r.pos_label.as_deref(), Some("1"));
    assert_eq!(r.confusion, vec![vec![0, 0], vec![0, 2]]);
}

/// The warnings of a report as (id, message) pairs.
fn warnings_of(v: &Value) -> Vec<(String, String)> {
    v["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .map(|w| {
            (
                w["id"].as_str().unwrap_or("").to_string(),
                w["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn a_header_repeated_mid_file_is_skipped_with_a_warning() {
    // Lines: 1 header, 2 "1,1", 3 "0,0", 4 the header again, 5 "1,0", 6 "0,0".
    // Rows read: truth 1 0 1 0, pred 1 0 0 0: tp 1, fn 1, fp 0, tn 2.
    let message = "The header row appears again on line 4, as when two CSV files are joined with cat; it was skipped, not read as data. Check that the parts belong together.";
    let bytes = Source::File("two_files_joined.csv").bytes();
    for chunk in [1, 3, bytes.len()] {
        let data = read(&bytes, IngestOptions::new(), chunk).expect("reads");
        assert_eq!(data.labels, vec!["0", "1"], "chunks of {chunk}");
        assert_eq!(data.rows, 4, "chunks of {chunk}");
        assert_eq!(data.skipped, 0, "not counted as a bad row");
    }
    let v = report_json(&cli(Source::File("two_files_joined.csv"), &["--json"]));
    assert_eq!(v["labels"], json!(["0", "1"]));
    assert_eq!(v["confusion"], json!([[2, 0], [1, 1]]));
    assert!(
        warnings_of(&v).contains(&("repeated_header".to_string(), message.to_string())),
        "{:?}",
        warnings_of(&v)
    );
}

#[test]
fn labels_that_differ_only_by_case_or_spacing_are_warned_about() {
    // yes, no, Yes and "yes" + no-break space: four classes, sorted by code point.
    let message = "Labels \"Yes\", \"yes\" and \"yes\\u{a0}\" differ only by case or spacing, so each is counted as its own class. If they mean the same class, make them identical in the file.";
    let v = report_json(&cli(
        Source::File("labels_differ_by_case_or_space.csv"),
        &["--json"],
    ));
    assert_eq!(v["labels"], json!(["Yes", "no", "yes", "yes\u{a0}"]));
    assert!(
        warnings_of(&v).contains(&("similar_labels".to_string(), message.to_string())),
        "{:?}",
        warnings_of(&v)
    );
    // Distinct words draw no such warning.
    let v = report_json(&cli(Source::File("two_files_joined.csv"), &["--json"]));
    assert!(warnings_of(&v).iter().all(|(id, _)| id != "similar_labels"));
}

#[test]
fn odd_labels_are_kept_verbatim_and_markdown_cannot_inject_html() {
    // (file, labels in sklearn order, confusion): markup, right-to-left
    // text and emoji are labels like any other; -0 is the number 0.
    let cases: [(&str, Vec<&str>, Value); 3] = [
        (
            "labels_negative_zero.csv",
            vec!["0", "1"],
            json!([[2, 0], [1, 1]]),
        ),
        (
            "labels_html.csv",
            vec!["<img src=x onerror=alert(1)>", "<script>alert(1)</script>"],
            json!([[1, 0], [1, 1]]),
        ),
        (
            "labels_rtl_emoji.csv",
            vec!["שלום", "مرحبا", "👩\u{200d}💻", "😀"],
            json!([[1, 0, 0, 0], [1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 1]]),
        ),
    ];
    for (file, labels, confusion) in cases {
        let bytes = Source::File(file).bytes();
        let data = read(&bytes, IngestOptions::new(), 3).expect("reads");
        assert_eq!(data.labels, labels, "{file}: library");
        let v = report_json(&cli(Source::File(file), &["--json"]));
        assert_eq!(v["labels"], json!(labels), "{file}: JSON");
        assert_eq!(v["confusion"], confusion, "{file}: confusion");
    }
    // Markdown: every "<" of a label is escaped ("\<"), so a rendered
    // report shows the text and creates no element.
    let out = cli(Source::File("labels_html.csv"), &["--markdown"]);
    assert_eq!(out.status.code(), Some(0));
    let md = text(&out.stdout);
    assert!(md.contains("\\<script\\>alert(1)\\</script\\>"), "{md}");
    let unescaped = md
        .match_indices('<')
        .filter(|(i, _)| !md[..*i].ends_with('\\'))
        .count();
    assert_eq!(unescaped, 0, "an unescaped < in the Markdown:\n{md}");
}
