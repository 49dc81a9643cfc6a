//! The parsers of user text that are not files: the four counts
//! (`src/input/counts.rs`), numeric options and the task (`src/options.rs`),
//! the settings both doors resolve (`src/report/settings.rs`: what the CLI's
//! flags and the page's form become), and the reading settings (delimiter,
//! column, model kind; `src/input/ingest/read_settings.rs`).
//!
//! Invariants: a count read is at most 2^53 and reads back the same from
//! its own digits and from its grouped form (`1,234`); a number read reads
//! back the same from its shortest form; a task reads back from its id; an
//! error names its field and is a sentence. When the counts and settings
//! are accepted, the counts report must be made (no error) and hold no NaN
//! or infinity; so must a small demo data set's file report with those
//! settings (thresholds, rank, costs, prevalence, goals).
//!
//! Input: lines of text, one field each, in the order of `FIELDS` below;
//! an empty or missing line leaves that setting out.

#![no_main]

use fitcheck::format::count;
use fitcheck::input::counts::{parse_count, ConfusionCounts, MAX_COUNT};
use fitcheck::input::demo::demo_dataset;
use fitcheck::input::ingest::{parse_delimiter, ColumnRef, ModelKind, ReadSettings};
use fitcheck::options::{parse_number, Task};
use fitcheck::report::file_report::dataset_report;
use fitcheck::report::settings::{DemoSettings, Settings, TrainingSettings};
use fitcheck::{binary_report, Error};
use fitcheck_fuzz::check_finite;
use libfuzzer_sys::fuzz_target;

/// The fields, one a line.
const FIELDS: [&str; 27] = [
    "tp",
    "fn",
    "fp",
    "tn",
    "beta",
    "task",
    "min_precision",
    "min_recall",
    "min_f1",
    "threshold",
    "rank",
    "positive",
    "cost_fp",
    "cost_fn",
    "prevalence",
    "target_recall",
    "target_precision",
    "max_classes",
    "resamples",
    "seed",
    "separation",
    "demo_prevalence",
    "size",
    "demo_seed",
    "mode",
    "delimiter",
    "column",
];

fn check_error(e: &Error) {
    let words = e.to_string();
    assert!(!words.is_empty(), "an error without words");
    assert!(
        e.field().is_some(),
        "an option error that names no field: {words}"
    );
    assert!(e.line().is_none(), "an option error with a line: {words}");
}

/// A number option: `None` when left out, the error checked when refused.
fn number(option: &'static str, text: Option<&str>) -> Result<Option<f64>, Error> {
    let Some(text) = text else { return Ok(None) };
    match parse_number(option, text) {
        Ok(v) => {
            if v.is_finite() {
                let again =
                    parse_number(option, &v.to_string()).expect("a number's own digits read");
                assert_eq!(again.to_bits(), v.to_bits(), "{v} reads back as {again}");
            }
            Ok(Some(v))
        }
        Err(e) => {
            check_error(&e);
            Err(e)
        }
    }
}

fn check_count(field: &'static str, text: &str) {
    match parse_count(field, text) {
        Ok(v) => {
            assert!(v <= MAX_COUNT, "{text:?} read as {v}, above 2^53");
            assert_eq!(
                parse_count(field, &v.to_string()).ok(),
                Some(v),
                "{v} does not read back"
            );
            assert_eq!(
                parse_count(field, &count(v)).ok(),
                Some(v),
                "{} does not read back",
                count(v)
            );
        }
        Err(e) => check_error(&e),
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let lines: Vec<&str> = text.split('\n').collect();
    let field = |name: &str| -> Option<&str> {
        let i = FIELDS.iter().position(|f| *f == name)?;
        lines.get(i).copied().filter(|l| !l.is_empty())
    };
    for (i, name) in ["tp", "fn", "fp", "tn"].into_iter().enumerate() {
        check_count(name, lines.get(i).copied().unwrap_or(""));
    }
    let counts = ConfusionCounts::parse(
        lines.first().copied().unwrap_or(""),
        lines.get(1).copied().unwrap_or(""),
        lines.get(2).copied().unwrap_or(""),
        lines.get(3).copied().unwrap_or(""),
    );
    if let Err(e) = &counts {
        assert!(e.line().is_none(), "a count error with a line: {e}");
    }
    if let Some(t) = field("task") {
        match Task::parse(t) {
            Ok(task) => assert_eq!(Task::parse(task.id()).ok(), Some(task)),
            Err(e) => check_error(&e),
        }
    }
    if let Some(d) = field("delimiter") {
        match parse_delimiter(d) {
            Ok(b) => assert!(
                d == "tab" || d == "\\t" || d.as_bytes() == [b],
                "{d:?} read as {b}"
            ),
            Err(e) => check_error(&e),
        }
    }
    if let Some(c) = field("column") {
        match ColumnRef::parse(c) {
            ColumnRef::Index(i) => assert_eq!(c.trim().parse::<usize>().ok(), Some(i)),
            ColumnRef::Name(n) => assert_eq!(n, c.trim()),
        }
        if let Some(kind) = ModelKind::parse(c) {
            let id = match kind {
                ModelKind::Label => "label",
                ModelKind::Score => "score",
            };
            assert_eq!(ModelKind::parse(id), Some(kind));
        }
    }
    let numbers = (|| -> Result<Settings, Error> {
        Ok(Settings {
            beta: number("beta", field("beta"))?,
            task: field("task").map(str::to_string),
            min_precision: number("min_precision", field("min_precision"))?,
            min_recall: number("min_recall", field("min_recall"))?,
            min_f1: number("min_f1", field("min_f1"))?,
            threshold: number("threshold", field("threshold"))?,
            rank: number("rank", field("rank"))?,
            positive: field("positive").map(str::to_string),
            cost_fp: number("cost_fp", field("cost_fp"))?,
            cost_fn: number("cost_fn", field("cost_fn"))?,
            prevalence: number("prevalence", field("prevalence"))?,
            target_recall: number("target_recall", field("target_recall"))?,
            target_precision: number("target_precision", field("target_precision"))?,
            curves: None,
            max_classes: number("max_classes", field("max_classes"))?,
            resamples: number("resamples", field("resamples"))?,
            seed: number("seed", field("seed"))?,
            demo: DemoSettings {
                separation: number("separation", field("separation"))?,
                prevalence: number("prevalence", field("demo_prevalence"))?,
                size: number("size", field("size"))?,
                seed: number("seed", field("demo_seed"))?,
            },
            training: TrainingSettings {
                mode: field("mode").map(str::to_string),
                ..TrainingSettings::default()
            },
        })
    })();
    let Ok(settings) = numbers else { return };
    let resolved = match settings.resolve() {
        Ok(r) => r,
        Err(e) => {
            check_error(&e);
            return;
        }
    };
    let read = ReadSettings {
        delimiter: field("delimiter").map(str::to_string),
        truth: field("column").map(ColumnRef::parse),
        ..ReadSettings::default()
    };
    let delimiter_ok = field("delimiter").is_none_or(|d| parse_delimiter(d).is_ok());
    assert_eq!(read.options(resolved.max_classes).is_ok(), delimiter_ok);
    if let Ok(counts) = counts {
        match binary_report(&counts, &resolved.file.report) {
            Ok(report) => check_finite(&report),
            Err(e) => panic!("accepted counts and options give no report: {e}"),
        }
    }
    // A small demo file with these settings (size 10 to 300, given on its
    // line; the default 2,000 costs too much a run): its report must be finite.
    if resolved.demo.size <= 300 {
        let data = demo_dataset(&resolved.demo).expect("accepted demo settings make a data set");
        let mut file = resolved.file.clone();
        file.resampling.resamples = 100;
        match dataset_report(&data, &file) {
            Ok(report) => check_finite(&report),
            Err(e) => check_error(&e),
        }
    }
});
