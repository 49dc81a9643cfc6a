//! The leakage report as terminal text or Markdown. Reads only the
//! [`LeakageReport`]; column names come from the user's files and are made
//! visible (terminal) or escaped (Markdown).

use crate::format::{count, percent, visible};
use crate::render::text::markdown_text;
use crate::report::leakage_contract::{LeakageReport, LeakageStatus, RowsShare};
use std::fmt::Write;

/// The verdict's status in capitals.
fn status_word(status: LeakageStatus) -> &'static str {
    match status {
        LeakageStatus::Clean => "CLEAN",
        LeakageStatus::Watch => "WATCH",
        LeakageStatus::Leaky => "LEAKY",
    }
}

/// `412 (8.2%)`.
fn share(s: &RowsShare) -> String {
    format!("{} ({})", count(s.rows), percent(s.ratio))
}

/// The facts shared by the text and Markdown forms: (label, value) lines.
fn facts(r: &LeakageReport) -> Vec<(String, String)> {
    let mut out = vec![
        (
            "Rows".to_string(),
            format!(
                "{} training, {} test",
                count(r.train_rows),
                count(r.test_rows)
            ),
        ),
        ("Compared columns".to_string(), r.columns.join(", ")),
        (
            "Label".to_string(),
            r.label.clone().unwrap_or_else(|| "none".to_string()),
        ),
    ];
    if !r.ignored.is_empty() {
        out.push(("Ignored".to_string(), r.ignored.join(", ")));
    }
    if r.normalize_text {
        out.push((
            "Text".to_string(),
            "normalised before comparing".to_string(),
        ));
    }
    out.push((
        "Test rows seen in training".to_string(),
        share(&r.test_in_train),
    ));
    out.push((
        "The same ignoring the label".to_string(),
        share(&r.test_in_train_ignoring_label),
    ));
    if let Some(c) = &r.conflicting_labels {
        out.push(("Conflicting labels".to_string(), share(c)));
    }
    out.push((
        "Duplicates in training".to_string(),
        share(&r.train_duplicates),
    ));
    out.push(("Duplicates in test".to_string(), share(&r.test_duplicates)));
    if !r.examples.is_empty() {
        let lines: Vec<String> = r
            .examples
            .iter()
            .take(10)
            .map(|e| format!("test line {} = training line {}", e.test_line, e.train_line))
            .collect();
        let more = if r.examples.len() > 10 { ", …" } else { "" };
        out.push((
            "First overlaps".to_string(),
            format!("{}{more}", lines.join(", ")),
        ));
    }
    out
}

/// The leakage report for a terminal.
pub fn leakage_to_text(r: &LeakageReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Verdict: {} — {}\n",
        status_word(r.verdict.status),
        visible(&r.verdict.headline)
    );
    for (label, value) in facts(r) {
        let _ = writeln!(out, "{}: {}", visible(&label), visible(&value));
    }
    if !r.warnings.is_empty() {
        let _ = writeln!(out, "\nWarnings:");
        for w in &r.warnings {
            let _ = writeln!(out, "  [{}] {}", w.id, visible(&w.message));
        }
    }
    out
}

/// The leakage report as Markdown (for CI comments).
pub fn leakage_to_markdown(r: &LeakageReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "## Leakage: **{}** — {}\n",
        status_word(r.verdict.status),
        markdown_text(&r.verdict.headline)
    );
    for (label, value) in facts(r) {
        let _ = writeln!(
            out,
            "- **{}**: {}",
            markdown_text(&label),
            markdown_text(&value)
        );
    }
    if !r.warnings.is_empty() {
        let _ = writeln!(out);
        for w in &r.warnings {
            let _ = writeln!(out, "- **{}**: {}", w.id, markdown_text(&w.message));
        }
    }
    out
}

/// The overlapping examples as CSV (`test_line,train_line`, one row per
/// example, file lines 1-based with the header on line 1): the page's
/// "Download examples (CSV)".
///
/// ```
/// use fitcheck::input::leakage::{read_pair, LeakageSettings};
/// use fitcheck::render::leakage_text::examples_csv;
/// use fitcheck::report::leakage::leakage_report;
/// let settings = LeakageSettings::default();
/// let (train, test) = read_pair(b"x,label\na,1\nb,0\n", b"x,label\nb,0\nc,1\n", &settings).unwrap();
/// let r = leakage_report(train, &test, &settings);
/// assert_eq!(examples_csv(&r), "test_line,train_line\n2,3\n");
/// ```
pub fn examples_csv(r: &LeakageReport) -> String {
    let mut out = String::from("test_line,train_line\n");
    for e in &r.examples {
        let _ = writeln!(out, "{},{}", e.test_line, e.train_line);
    }
    out
}
