//! The report as text for a terminal (the CLI default) or as Markdown
//! (for CI comments). Both read only the [`Report`]; no math here.

use crate::format::{count, value4};
use crate::report::contract::Report;
use crate::report::verdict::Status;
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

fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(width - 1).collect::<String>())
    }
}

fn write_source(out: &mut String, report: &Report) {
    let Some(src) = &report.source else { return };
    let output = if src.score_column.is_some() {
        "scores"
    } else {
        "predictions"
    };
    let column = src
        .score_column
        .as_ref()
        .or(src.pred_column.as_ref())
        .cloned()
        .unwrap_or_default();
    let threshold = src
        .threshold
        .map(|t| format!(", threshold {}", crate::format::plain(t)))
        .unwrap_or_default();
    let skipped = if src.skipped_rows > 0 {
        format!("; skipped {} bad rows", count(src.skipped_rows))
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "Read {} rows (true labels: \"{}\", {output}: \"{column}\"{threshold}){skipped}",
        count(src.rows),
        src.truth_column
    );
}

fn write_binary_matrix(out: &mut String, report: &Report) {
    let Some(c) = report.counts else { return };
    let w = [c.tp, c.fn_, c.fp, c.tn]
        .iter()
        .map(|x| count(*x).len())
        .max()
        .unwrap_or(1)
        .max(11);
    let pos = report.pos_label.clone().unwrap_or_default();
    let _ = writeln!(
        out,
        "\nConfusion matrix (rows: truth, columns: prediction; positive class \"{pos}\")"
    );
    let _ = writeln!(
        out,
        "  {:<15} {:>w$}  {:>w$}",
        "", "predicted +", "predicted −"
    );
    let _ = writeln!(
        out,
        "  {:<15} {:>w$}  {:>w$}",
        "truly positive",
        count(c.tp),
        count(c.fn_)
    );
    let _ = writeln!(
        out,
        "  {:<15} {:>w$}  {:>w$}",
        "truly negative",
        count(c.fp),
        count(c.tn)
    );
}

fn write_matrix(out: &mut String, report: &Report, width: usize) {
    let _ = writeln!(out, "\nConfusion matrix (rows: truth, columns: prediction)");
    let _ = write!(out, "  {:<width$}", "");
    for l in &report.labels {
        let _ = write!(out, " {:>10}", truncate(l, 10));
    }
    let _ = writeln!(out);
    for (label, row) in report.labels.iter().zip(&report.confusion) {
        let _ = write!(out, "  {:<width$}", truncate(label, width));
        for cell in row {
            let _ = write!(out, " {:>10}", count(*cell));
        }
        let _ = writeln!(out);
    }
}

fn write_per_class(out: &mut String, report: &Report, width: usize) {
    let _ = writeln!(
        out,
        "\n  {:<width$} {:>10} {:>10} {:>10} {:>10}",
        "class", "precision", "recall", "f1", "support"
    );
    for r in &report.per_class {
        let _ = writeln!(
            out,
            "  {:<width$} {:>10} {:>10} {:>10} {:>10}",
            truncate(&r.label, width),
            value4(r.precision),
            value4(r.recall),
            value4(r.f1),
            count(r.support)
        );
    }
    for (name, a) in [
        ("macro avg", report.averages.macro_avg),
        ("weighted avg", report.averages.weighted),
        ("micro avg", report.averages.micro),
    ] {
        let _ = writeln!(
            out,
            "  {:<width$} {:>10} {:>10} {:>10}",
            name,
            value4(Some(a.precision)),
            value4(Some(a.recall)),
            value4(Some(a.f1))
        );
    }
}

/// A readable plain-text report with aligned columns.
pub fn to_text(report: &Report) -> String {
    let mut out = String::new();
    let plural = if report.n == 1 { "" } else { "s" };
    let _ = writeln!(
        out,
        "fitcheck — {} report, {} example{plural}",
        report.kind,
        count(report.n)
    );
    write_source(&mut out, report);
    write_binary_matrix(&mut out, report);
    let width = report
        .labels
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(5)
        .clamp(12, 24);
    if report.counts.is_none() {
        write_matrix(&mut out, report, width);
    }
    if report.kind == "multiclass" || report.source.is_some() {
        write_per_class(&mut out, report, width);
    }
    let v = &report.verdict;
    let _ = writeln!(out, "\nVerdict: {} — {}", status_word(v.status), v.headline);
    let _ = writeln!(out, "  Metric to watch: {}", v.watch_label);
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
    let _ = writeln!(out, "\nIntervals: {}.", crate::metrics::intervals::METHOD);
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
