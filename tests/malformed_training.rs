#![cfg(not(target_arch = "wasm32"))]
//! Malformed training logs — Hugging Face `trainer_state.json`, Keras
//! `CSVLogger`, Lightning `metrics.csv`, TensorBoard CSV exports and plain
//! CSV — each with the exact sentence the user reads and its line, through
//! the library (`read_log`) and through `fitcheck training`. Fixtures:
//! `tests/fixtures/malformed/training/`.

mod malformed_support;

use fitcheck::input::training::{read_log, LogFormat};
use malformed_support::{
    accepted, assert_every_fixture_used, assert_rejected, fitcheck, Source, BINARY, UTF16,
};

const FOLDER: &str = "training";

struct Case {
    source: Source,
    message: String,
    line: Option<u64>,
}

fn cli(source: Source, flags: &[&str]) -> std::process::Output {
    let mut args = vec!["training".to_string(), source.path(FOLDER, "made.csv")];
    args.extend(flags.iter().map(|f| f.to_string()));
    fitcheck(&args)
}

fn hf_utf16() -> Vec<u8> {
    malformed_support::utf16_le_bom("{\"log_history\": []}")
}

fn keras_utf16_be() -> Vec<u8> {
    malformed_support::utf16_be_bom("epoch,loss\n0,0.9\n")
}

/// A zero byte in line 3's loss: `step,loss\n` is bytes 1–10, `1,0.9\n`
/// 11–16, `2,0.` 17–20, the zero 21.
fn zero_byte() -> Vec<u8> {
    b"step,loss\n1,0.9\n2,0.\x008\n".to_vec()
}

fn one_mib() -> Vec<u8> {
    malformed_support::one_mib_line("step,loss\n")
}

fn ten_thousand_unnamed() -> Vec<u8> {
    malformed_support::ten_thousand_columns("c1")
}

const HTML: &str = "<img src=x onerror=alert(1)>";

#[rustfmt::skip]
fn cases() -> Vec<Case> {
    use Source::{File, Made};
    let c = |source, message: &str, line| Case { source, message: message.to_string(), line };
    vec![
        // Hugging Face trainer_state.json.
        c(File("hf_truncated.json"), "line 4: malformed JSON at column 1: EOF while parsing an object", Some(4)),
        c(File("hf_no_log_history.json"), "no \"log_history\" in this JSON: fitcheck reads the Hugging Face Trainer's trainer_state.json (in its output_dir and in every checkpoint-N folder), whose \"log_history\" holds the curves", None),
        c(File("hf_empty_log_history.json"), "\"log_history\" holds no training or evaluation entry: there is no curve to draw", None),
        // A loss written as text leaves no curve (the entry's other keys are not curves either).
        c(File("hf_loss_text.json"), "\"log_history\" holds no training or evaluation entry: there is no curve to draw", None),
        c(File("hf_loss_1e400.json"), "line 2: malformed JSON at column 27: number out of range", Some(2)),
        c(File("hf_loss_hex.json"), "line 2: malformed JSON at column 24: expected `,` or `}`", Some(2)),
        c(File("hf_invalid_utf8.json"), "line 2: byte 36 of the file (0xE9) is not UTF-8 text; save the log as UTF-8", Some(2)),
        c(Made("trainer_state.json in UTF-16", hf_utf16), &format!("this file is UTF-16 text (little-endian; {UTF16}"), None),
        // Keras CSVLogger.
        c(File("keras_1e400.log"), "line 3, column 2 (\"loss\"): \"1e400\" is too large for a number (beyond ±1.8e308)", Some(3)),
        c(File("keras_hex.log"), "line 3, column 2 (\"loss\"): \"0x10\" is not a number", Some(3)),
        c(Made("Keras log in UTF-16 big-endian", keras_utf16_be), &format!("this file is UTF-16 text (big-endian; {UTF16}"), None),
        // Lightning metrics.csv.
        c(File("lightning_arabic_step.csv"), "line 2, column 2 (\"step\"): \"٣\" is not a number (write numbers with the digits 0–9)", Some(2)),
        // TensorBoard export.
        c(File("tensorboard_text_value.csv"), "line 3, column 3 (\"Value\"): \"high\" is not a number", Some(3)),
        // Plain CSV.
        c(File("plain_no_step.csv"), "no step or epoch column: a training log needs a \"step\" or \"epoch\" column to place its points; the columns are: \"time\", \"loss\"", None),
        c(File("plain_header_only.csv"), "the file has a header row but no data rows: there are no points to draw", None),
        c(File("plain_ragged.csv"), "line 3: expected 2 fields, found 3", Some(3)),
        c(File("plain_invalid_utf8.csv"), "line 3: byte 22 of the file (0xFF) is not UTF-8 text; save the log as UTF-8", Some(3)),
        c(File("plain_empty.csv"), "the file is empty: there is no training log to read", None),
        c(File("plain_blank_lines.csv"), "the file has no data: every line is blank", None),
        c(Made("training log with a zero byte", zero_byte), &format!("{BINARY} (a zero byte at byte 21); export the log as CSV or JSON"), None),
        c(Made("training log with a 1 MiB line", one_mib), "line 2: expected 2 fields, found 1", Some(2)),
        c(Made("training log of 10,000 unnamed columns", ten_thousand_unnamed), &format!("no step or epoch column: a training log needs a \"step\" or \"epoch\" column to place its points; the columns are: {}, … (10,000 in all)", (1..=30).map(|i| format!("\"c{i}\"")).collect::<Vec<_>>().join(", ")), None),
    ]
}

#[test]
fn each_malformed_log_fails_with_its_exact_message_and_line() {
    for case in cases() {
        let what = case.source.name();
        let err = read_log("made.csv", &case.source.bytes(FOLDER))
            .err()
            .unwrap_or_else(|| panic!("{what}: no error"));
        assert_eq!(err.to_string(), case.message, "{what}");
        assert_eq!(err.line(), case.line, "{what}: line");
    }
}

#[test]
fn each_malformed_log_fails_the_same_on_the_command_line() {
    for case in cases() {
        for flags in [&[][..], &["--json"][..]] {
            let out = cli(case.source, flags);
            assert_rejected(
                &out,
                &case.message,
                &format!("{} {flags:?}", case.source.name()),
            );
        }
    }
}

#[test]
fn a_markup_series_name_is_kept_verbatim_and_escaped_in_markdown() {
    let source = Source::File("html_series_name.csv");
    let log = read_log("log.csv", &source.bytes(FOLDER)).expect("reads");
    assert_eq!(log.format, LogFormat::Csv);
    assert_eq!(log.series.len(), 1);
    assert_eq!(log.series[0].name, HTML);
    assert_eq!(log.series[0].y, vec![0.9, 0.8]);
    let v: serde_json::Value =
        serde_json::from_str(&accepted(&cli(source, &["--json"]), "json")).expect("JSON");
    assert!(v["series"].get(HTML).is_some(), "{v}");
    let md = accepted(&cli(source, &["--markdown"]), "markdown");
    assert!(md.contains("\\<img src=x onerror=alert(1)\\>"), "{md}");
    let unescaped = md
        .match_indices('<')
        .filter(|(i, _)| !md[..*i].ends_with('\\'))
        .count();
    assert_eq!(unescaped, 0, "an unescaped < in the Markdown:\n{md}");
}

#[test]
fn ten_thousand_series_are_read() {
    // `step` and 9,999 series c2 … c10000 over two rows.
    let bytes = malformed_support::ten_thousand_columns("step");
    let log = read_log("wide.csv", &bytes).expect("reads");
    assert_eq!(log.series.len(), 9_999);
    assert_eq!(log.series[0].name, "c2");
    assert_eq!(log.series[0].x, vec![0.0, 1.0]);
    assert_eq!(log.series[0].y, vec![1.0, 0.0]);
}

#[test]
fn every_training_fixture_is_used() {
    let mut used: Vec<&str> = cases().iter().map(|c| c.source.name()).collect();
    used.push("html_series_name.csv");
    assert_every_fixture_used(FOLDER, &used);
}
