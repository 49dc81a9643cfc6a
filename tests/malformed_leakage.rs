#![cfg(not(target_arch = "wasm32"))]
//! Malformed inputs of the leakage check (a training CSV and a test CSV),
//! each with the exact sentence the user reads and its line, through the
//! library (`HashReader`, whole or in chunks, errors named by
//! `in_file`) and through `fitcheck leakage`. Fixtures:
//! `tests/fixtures/malformed/leakage/`.

mod malformed_support;

use fitcheck::input::leakage::{in_file, HashReader, HashedFile, LeakageSettings};
use fitcheck::Error;
use malformed_support::{
    accepted, assert_every_fixture_used, assert_rejected, fitcheck, Source, BINARY, UTF16,
};

const FOLDER: &str = "leakage";

/// A case: training file, test file, extra flags (`--label`), message, line.
struct Case {
    train: Source,
    test: Source,
    label: Option<&'static str>,
    message: String,
    line: Option<u64>,
}

fn hash(bytes: &[u8], reader: HashReader, chunk: usize) -> Result<HashedFile, Error> {
    let mut reader = reader;
    for part in bytes.chunks(chunk.max(1)) {
        reader.push(part)?;
    }
    reader.finish()
}

fn library(case: &Case, chunk: usize) -> Result<(HashedFile, HashedFile), Error> {
    let settings = LeakageSettings {
        label: case.label.map(str::to_string),
        ..LeakageSettings::default()
    };
    let train = hash(
        &case.train.bytes(FOLDER),
        HashReader::new(&settings, None),
        chunk,
    )
    .map_err(|e| in_file(e, "training"))?;
    let test = hash(
        &case.test.bytes(FOLDER),
        HashReader::new(&settings, Some(&train.plan)),
        chunk,
    )
    .map_err(|e| in_file(e, "test"))?;
    Ok((train, test))
}

fn cli(train: Source, test: Source, label: Option<&str>, flags: &[&str]) -> std::process::Output {
    let mut args = vec![
        "leakage".to_string(),
        train.path(FOLDER, "train.csv"),
        test.path(FOLDER, "test.csv"),
    ];
    if let Some(l) = label {
        args.extend(["--label".to_string(), l.to_string()]);
    }
    args.extend(flags.iter().map(|f| f.to_string()));
    fitcheck(&args)
}

fn utf16() -> Vec<u8> {
    malformed_support::utf16_le_bom("text,label\r\nhello,1\r\n")
}

/// A zero byte on line 3: `text,label\n` is bytes 1–11, `hello,1\n` 12–19,
/// `wor` 20–22, the zero 23.
fn zero_byte() -> Vec<u8> {
    b"text,label\nhello,1\nwor\x00ld,0\n".to_vec()
}

fn one_mib() -> Vec<u8> {
    malformed_support::one_mib_line("text,label\n")
}

#[rustfmt::skip]
fn cases() -> Vec<Case> {
    use Source::{File, Made};
    let c = |train, test, label, message: &str, line| Case { train, test, label, message: message.to_string(), line };
    let (train, test) = (File("train.csv"), File("test.csv"));
    vec![
        c(train, File("test_missing_column.csv"), None, "the column \"text\" is in the training file but not in the test file: ignore it (the test file); the columns are: label", None),
        c(train, File("test_extra_column.csv"), None, "the column \"id\" is in the test file but not in the training file: ignore it (the test file); the columns are: text, label, id", None),
        c(train, test, Some("gold"), "the label column \"gold\" is not a column (the training file); the columns are: text, label", None),
        c(File("ragged.csv"), test, None, "line 3: expected 2 fields, found 3 (in the training file)", Some(3)),
        c(train, File("ragged.csv"), None, "line 3: expected 2 fields, found 3 (in the test file)", Some(3)),
        c(File("empty.csv"), test, None, "the training file: the file is empty: there are no rows to read", None),
        c(train, File("empty.csv"), None, "the test file: the file is empty: there are no rows to read", None),
        c(train, File("blank_lines.csv"), None, "the test file: the file has no data: every line is blank", None),
        c(File("header_only.csv"), test, None, "the training file: the file has a header row but no data rows", None),
        c(train, File("unterminated_quote.csv"), None, "line 2: a quoted field opened on this line is never closed, so the rest of the file was read into it; add the closing \" (in the test file)", Some(2)),
        c(Made("UTF-16 training file", utf16), test, None, &format!("the training file: this file is UTF-16 text (little-endian; {UTF16}"), None),
        c(train, Made("test file with a zero byte", zero_byte), None, &format!("the test file: {BINARY} (a zero byte at byte 23); export the data as CSV"), None),
        c(train, Made("test file with a 1 MiB line", one_mib), None, "line 2: expected 2 fields, found 1 (in the test file)", Some(2)),
    ]
}

fn name(case: &Case) -> String {
    format!(
        "{} / {} {:?}",
        case.train.name(),
        case.test.name(),
        case.label
    )
}

#[test]
fn each_malformed_leakage_input_fails_with_its_exact_message_and_line() {
    for case in cases() {
        for chunk in [usize::MAX, 1, 7] {
            let what = format!("{} (chunks of {chunk})", name(&case));
            let err = library(&case, chunk)
                .err()
                .unwrap_or_else(|| panic!("{what}: no error"));
            assert_eq!(err.to_string(), case.message, "{what}");
            assert_eq!(err.line(), case.line, "{what}: line");
        }
    }
}

#[test]
fn each_malformed_leakage_input_fails_the_same_on_the_command_line() {
    for case in cases() {
        for flags in [&[][..], &["--json"][..]] {
            let out = cli(case.train, case.test, case.label, flags);
            assert_rejected(&out, &case.message, &format!("{} {flags:?}", name(&case)));
        }
    }
}

#[test]
fn bytes_that_are_not_utf8_compare_as_bytes() {
    // "caf\xE9" (Latin-1 "café") is in both files: one leaked row of two.
    let v: serde_json::Value = serde_json::from_str(&accepted(
        &cli(
            Source::File("latin1_train.csv"),
            Source::File("latin1_test.csv"),
            None,
            &["--json"],
        ),
        "json",
    ))
    .expect("JSON");
    assert_eq!(
        v["test_in_train"],
        serde_json::json!({"rows": 1, "ratio": 0.5})
    );
}

#[test]
fn markup_rtl_emoji_and_10_kb_cells_compare_verbatim() {
    // Test rows 1 and 2 (markup; Hebrew and an emoji) are in training; "fresh" is not.
    let out = cli(
        Source::File("odd_text_train.csv"),
        Source::File("odd_text_test.csv"),
        None,
        &["--json"],
    );
    let v: serde_json::Value = serde_json::from_str(&accepted(&out, "json")).expect("JSON");
    assert_eq!(v["train_rows"], 3);
    assert_eq!(v["test_rows"], 3);
    assert_eq!(v["test_in_train"]["rows"], 2);
    let md = accepted(
        &cli(
            Source::File("odd_text_train.csv"),
            Source::File("odd_text_test.csv"),
            None,
            &["--markdown"],
        ),
        "markdown",
    );
    let unescaped = md
        .match_indices('<')
        .filter(|(i, _)| !md[..*i].ends_with('\\'))
        .count();
    assert_eq!(unescaped, 0, "an unescaped < in the Markdown:\n{md}");
}

#[test]
fn ten_thousand_columns_are_matched_quickly() {
    // Before, the header was matched pairwise: 13 s in a debug build.
    let bytes = malformed_support::ten_thousand_columns("c1");
    let settings = LeakageSettings::default();
    let started = std::time::Instant::now();
    let train = hash(&bytes, HashReader::new(&settings, None), usize::MAX).expect("train");
    let test = hash(
        &bytes,
        HashReader::new(&settings, Some(&train.plan)),
        usize::MAX,
    )
    .expect("test");
    assert_eq!(train.plan.columns.len(), 10_000);
    assert_eq!(test.rows, train.rows);
    assert!(
        started.elapsed().as_secs() < 5,
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn every_leakage_fixture_is_used() {
    let mut used: Vec<&str> = cases()
        .iter()
        .flat_map(|c| [c.train.name(), c.test.name()])
        .collect();
    used.extend([
        "latin1_train.csv",
        "latin1_test.csv",
        "odd_text_train.csv",
        "odd_text_test.csv",
    ]);
    assert_every_fixture_used(FOLDER, &used);
}
