#![cfg(not(target_arch = "wasm32"))]
//! Malformed comparison inputs — one file with two model columns, or two
//! prediction files joined row by row — each with the exact sentence the
//! user reads and its line, through the library (read as `fitcheck compare`
//! reads them: `IngestOptions::models`, then `PairedData`) and through the
//! binary. Fixtures: `tests/fixtures/malformed/compare/`.

mod malformed_support;

use fitcheck::input::ingest::{Ingest, IngestOptions, ModelChoice};
use fitcheck::input::paired::{in_named_file, PairedData};
use fitcheck::Error;
use malformed_support::{
    accepted, assert_every_fixture_used, assert_rejected, fitcheck, Source, BINARY, SAVE_AS_UTF8,
    UTF16,
};
use serde_json::{json, Value};

const FOLDER: &str = "compare";

/// One case: one file, or a `before.csv` and a second file.
struct Case {
    files: Vec<Source>,
    message: String,
    line: Option<u64>,
}

fn read(
    bytes: &[u8],
    models: usize,
    chunk: usize,
) -> Result<fitcheck::input::ingest::Dataset, Error> {
    let options = IngestOptions::new().models(vec![ModelChoice::default(); models]);
    let mut ingest = Ingest::new(options);
    for part in bytes.chunks(chunk.max(1)) {
        ingest.push(part)?;
    }
    ingest.finish()
}

/// The library's comparison read, whole or in chunks of `chunk` bytes.
fn library(files: &[Source], chunk: usize) -> Result<PairedData, Error> {
    match files {
        [one] => PairedData::from_one_file(read(&one.bytes(FOLDER), 2, chunk)?, one.name()),
        [a, b] => {
            let da = read(&a.bytes(FOLDER), 1, chunk).map_err(|e| in_named_file(e, a.name()))?;
            let db = read(&b.bytes(FOLDER), 1, chunk).map_err(|e| in_named_file(e, b.name()))?;
            PairedData::join(da, db, [a.name(), b.name()])
        }
        _ => unreachable!("one or two files"),
    }
}

fn cli(files: &[Source], flags: &[&str]) -> std::process::Output {
    let mut args = vec!["compare".to_string()];
    args.extend(files.iter().map(|f| f.path(FOLDER, "made.csv")));
    args.extend(flags.iter().map(|f| f.to_string()));
    fitcheck(&args)
}

fn utf16() -> Vec<u8> {
    malformed_support::utf16_le_bom("y_true\ta\tb\r\n1\t1\t0\r\n")
}

/// A zero byte on line 2: `y_true,a,b\n` is bytes 1–11, `1,1` 12–14, the zero 15.
fn zero_byte() -> Vec<u8> {
    b"y_true,a,b\n1,1\x00,0\n".to_vec()
}

fn one_mib() -> Vec<u8> {
    malformed_support::one_mib_line("y_true,a,b\n")
}

#[rustfmt::skip]
fn cases() -> Vec<Case> {
    use Source::{File, Made};
    let c = |files: Vec<Source>, message: &str, line| Case { files, message: message.to_string(), line };
    let before = File("before.csv");
    vec![
        c(vec![File("one_model_column.csv")], "the file has 2 columns, but a comparison needs the true labels and two models' predictions or scores in separate columns; the columns are: y_true, a", None),
        c(vec![File("model_score_1e400.csv")], "line 3, column 3 (\"b_score\"): \"1e400\" is too large for a number (beyond ±1.8e308): scores must be finite real numbers", Some(3)),
        c(vec![File("model_label_invalid_utf8.csv")], &format!("line 3, column 3 (\"b\"): byte 1 of the cell (0xFF) {SAVE_AS_UTF8}"), Some(3)),
        // The class guard covers a model's labels: an id column as model B.
        // Truth and A hold 0 and 1; with B's id000 … id098, the 101st distinct label is on line 100.
        c(vec![File("model_too_many_classes.csv")], "line 100: more than 100 distinct labels (the limit was passed in column \"b\") — is that the right column? Choose another column, or raise the class limit to continue", Some(100)),
        c(vec![Made("UTF-16 comparison file", utf16)], &format!("this file is UTF-16 text (little-endian; {UTF16}"), None),
        c(vec![Made("comparison file with a zero byte", zero_byte)], &format!("{BINARY} (a zero byte at byte 15); export the predictions as CSV"), None),
        c(vec![Made("comparison file with a 1 MiB line", one_mib)], "line 2: expected 3 fields, found 1", Some(2)),
        c(vec![before, File("after_fewer_rows.csv")], "\"before.csv\" has 3 rows and \"after_fewer_rows.csv\" has 2 rows: both files must hold the same examples in the same order", None),
        c(vec![before, File("after_truth_differs.csv")], "the two files disagree on the true label of data row 2: \"before.csv\" line 3 says \"0\", \"after_truth_differs.csv\" line 3 says \"1\". Both files must list the same examples in the same order", Some(3)),
        // With two files, a reading error names the file to fix.
        c(vec![before, File("after_empty.csv")], "\"after_empty.csv\": the file is empty: there are no rows to read", None),
        c(vec![before, File("after_header_only.csv")], "\"after_header_only.csv\": the file has a header row but no data rows", None),
        // Three columns, one model to find: which one is the user's choice.
        c(vec![before, File("model_label_invalid_utf8.csv")], "cannot tell which column holds the model's predictions or scores: choose it (in \"model_label_invalid_utf8.csv\"); the columns are: y_true, a, b", None),
        c(vec![before, File("after_score_1e400.csv")], "line 3, column 2 (\"score\"): \"1e400\" is too large for a number (beyond ±1.8e308): scores must be finite real numbers (in \"after_score_1e400.csv\")", Some(3)),
    ]
}

fn name(case: &Case) -> String {
    case.files
        .iter()
        .map(Source::name)
        .collect::<Vec<_>>()
        .join(" + ")
}

#[test]
fn each_malformed_comparison_fails_with_its_exact_message_and_line() {
    for case in cases() {
        for chunk in [usize::MAX, 1, 7] {
            let what = format!("{} (chunks of {chunk})", name(&case));
            let err = library(&case.files, chunk)
                .err()
                .unwrap_or_else(|| panic!("{what}: no error"));
            assert_eq!(err.to_string(), case.message, "{what}");
            assert_eq!(err.line(), case.line, "{what}: line");
        }
    }
}

#[test]
fn each_malformed_comparison_fails_the_same_on_the_command_line() {
    for case in cases() {
        let hint = if case.message.contains("distinct labels") {
            " (--max-classes)"
        } else {
            ""
        };
        for flags in [&[][..], &["--json"][..]] {
            let out = cli(&case.files, flags);
            assert_rejected(
                &out,
                &format!("{}{hint}", case.message),
                &format!("{} {flags:?}", name(&case)),
            );
        }
    }
}

#[test]
fn markup_labels_are_kept_verbatim_in_a_comparison() {
    let files = [Source::File("html_labels.csv")];
    let paired = library(&files, 5).expect("reads");
    assert_eq!(paired.labels, vec!["<img src=x onerror=alert(1)>", "ok"]);
    let v: Value =
        serde_json::from_str(&accepted(&cli(&files, &["--json"]), "json")).expect("JSON");
    assert_eq!(
        v["a"]["labels"],
        json!(["<img src=x onerror=alert(1)>", "ok"])
    );
    assert_eq!(v["b"]["labels"], v["a"]["labels"]);
    let md = accepted(&cli(&files, &["--markdown"]), "markdown");
    let unescaped = md
        .match_indices('<')
        .filter(|(i, _)| !md[..*i].ends_with('\\'))
        .count();
    assert_eq!(unescaped, 0, "an unescaped < in the Markdown:\n{md}");
}

#[test]
fn every_comparison_fixture_is_used() {
    let mut used: Vec<&str> = cases()
        .iter()
        .flat_map(|c| c.files.iter().map(Source::name))
        .collect();
    used.push("html_labels.csv");
    assert_every_fixture_used(FOLDER, &used);
}
