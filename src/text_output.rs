//! The report as text for a terminal (the CLI default) or as Markdown
//! (for CI comments). Both read only the [`Report`]; no math here.

use crate::format::{count, value4};
use crate::report::Report;
use crate::verdict::Status;
use std::fmt::Write;

fn status_word(status: Status) -> &'static str {
    match status {
        Status::Fit => "FIT",
        Status::Borderline => "BORDERLINE",
        Status::NotFit => "NOT FIT",
    }
}

fn interval_text(report: &Report, id: &str) -> String {
    report
        .intervals
        .get(id)
        .map(|[lo, hi]| format!("[{lo:.4}, {hi:.4}]"))
        .unwrap_or_default()
}

/// A readable plain-text report with aligned columns.
pub fn to_text(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "fitcheck — {} report, {} examples",
        report.kind,
        count(report.n)
    );
    if let Some(c) = report.counts {
        let w = [c.tp, c.fn_, c.fp, c.tn]
            .iter()
            .map(|x| count(*x).len())
            .max()
            .unwrap_or(1)
            .max(9);
        let _ = writeln!(out, "\nConfusion matrix (rows: truth, columns: prediction)");
        let _ = writeln!(
            out,
            "  {:<15} {:>w$}  {:>w$}",
            "",
            "predicted +",
            "predicted −",
            w = w.max(11)
        );
        let _ = writeln!(
            out,
            "  {:<15} {:>w$}  {:>w$}",
            "truly positive",
            count(c.tp),
            count(c.fn_),
            w = w.max(11)
        );
        let _ = writeln!(
            out,
            "  {:<15} {:>w$}  {:>w$}",
            "truly negative",
            count(c.fp),
            count(c.tn),
            w = w.max(11)
        );
    }
    let v = &report.verdict;
    let _ = writeln!(out, "\nVerdict: {} — {}", status_word(v.status), v.headline);
    for reason in &v.reasons {
        let _ = writeln!(out, "  - {reason}");
    }
    let _ = writeln!(
        out,
        "\n  {:<22} {:>10}  {:<18}  formula",
        "metric", "value", "95% interval"
    );
    for (id, value) in &report.metrics.0 {
        let formula = report
            .explanations
            .get(id)
            .map(|e| e.formula.as_str())
            .unwrap_or("");
        let _ = writeln!(
            out,
            "  {:<22} {:>10}  {:<18}  {}",
            id,
            value4(*value),
            interval_text(report, id),
            formula
        );
    }
    if !report.warnings.is_empty() {
        let _ = writeln!(out, "\nWarnings");
        for w in &report.warnings {
            let _ = writeln!(out, "  [{:?}] {}: {}", w.severity, w.id, w.message);
        }
    }
    let _ = writeln!(out, "\nIntervals: {}.", crate::intervals::METHOD);
    out
}

/// The report as GitHub-flavoured Markdown.
pub fn to_markdown(report: &Report) -> String {
    let mut out = String::new();
    let v = &report.verdict;
    let _ = writeln!(
        out,
        "### fitcheck: **{}**\n\n{}\n",
        status_word(v.status),
        v.headline
    );
    let _ = writeln!(
        out,
        "| metric | value | 95% interval |\n| --- | ---: | --- |"
    );
    for (id, value) in &report.metrics.0 {
        let _ = writeln!(
            out,
            "| {id} | {} | {} |",
            value4(*value),
            interval_text(report, id)
        );
    }
    if !report.warnings.is_empty() {
        let _ = writeln!(out);
        for w in &report.warnings {
            let _ = writeln!(out, "- **{}** ({:?}): {}", w.id, w.severity, w.message);
        }
    }
    out
}
