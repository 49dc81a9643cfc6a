//! The report as text for a terminal (the CLI default) or as Markdown
//! (for CI comments). Both read only the [`Report`]; no math here.
//!
//! Labels and column names come from the user's file, so every piece of
//! text that may hold them is made safe for where it goes: in terminal
//! text, control characters (ESC, OSC, C0/C1, line breaks) are shown as
//! visible escapes (`\x1b`) instead of acting on the terminal; in Markdown
//! they are also escaped so a label like `[x](http://…)` or `<b>` prints
//! as itself, not as a link or HTML.
//!
//! Size: the text grows with the number of classes, never with its square.
//! Up to [`MAX_MATRIX_CLASSES`] classes the confusion matrix is printed
//! whole; beyond that only the report's most confused pairs
//! (`confused_pairs`, made in `metrics/confused.rs`), next to the
//! per-class table. The full matrix stays in the JSON report.

use crate::format::{count, counted, percent, value4, visible};
use crate::report::contract::Report;
use crate::report::verdict::Status;
use std::fmt::Write;

/// Most classes whose confusion matrix is printed as a table (a 20×20
/// table is about 250 characters wide).
pub const MAX_MATRIX_CLASSES: usize = 20;

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

/// Text cut to `width` characters (an ellipsis marks the cut), controls visible.
fn truncate(text: &str, width: usize) -> String {
    let text = visible(text);
    if text.chars().count() <= width {
        text
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
        format!(
            "; skipped {}",
            counted(src.skipped_rows, "bad row", "bad rows")
        )
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "Read {} (true labels: \"{}\", {output}: \"{}\"{threshold}){skipped}",
        counted(src.rows, "row", "rows"),
        visible(&src.truth_column),
        visible(&column)
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
    let pos = visible(&report.pos_label.clone().unwrap_or_default());
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

fn write_confused_pairs(out: &mut String, report: &Report, width: usize) {
    let k = report.labels.len();
    let _ = writeln!(
        out,
        "\nConfusion matrix: {k} classes are too many for a {k}×{k} table here (the JSON report has it whole)."
    );
    let Some(confused) = report
        .confused_pairs
        .as_ref()
        .filter(|c| !c.pairs.is_empty())
    else {
        let _ = writeln!(out, "  No example is confused with another class.");
        return;
    };
    let _ = writeln!(
        out,
        "Most confused pairs ({} of {} with mistakes):",
        confused.pairs.len(),
        counted(confused.pairs_with_mistakes, "pair", "pairs")
    );
    let _ = writeln!(
        out,
        "  {:<width$} {:<width$} {:>10} {:>14}",
        "true class", "predicted as", "examples", "of true class"
    );
    for pair in &confused.pairs {
        let _ = writeln!(
            out,
            "  {:<width$} {:<width$} {:>10} {:>14}",
            truncate(&pair.truth, width),
            truncate(&pair.predicted, width),
            count(pair.count),
            pair.share_of_truth.map(percent).unwrap_or_default()
        );
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
    let _ = writeln!(
        out,
        "fitcheck — {} report, {}",
        report.kind,
        counted(report.n, "example", "examples")
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
        if report.labels.len() <= MAX_MATRIX_CLASSES {
            write_matrix(&mut out, report, width);
        } else {
            write_confused_pairs(&mut out, report, width);
        }
    }
    if report.kind == "multiclass" || report.source.is_some() {
        write_per_class(&mut out, report, width);
    }
    let v = &report.verdict;
    let _ = writeln!(
        out,
        "\nVerdict: {} — {}",
        status_word(v.status),
        visible(&v.headline)
    );
    let _ = writeln!(out, "  Metric to watch: {}", visible(&v.watch_label));
    for reason in &v.reasons {
        let _ = writeln!(out, "  - {}", visible(reason));
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
            visible(formula)
        );
    }
    if !report.warnings.is_empty() {
        let _ = writeln!(out, "\nWarnings");
        for w in &report.warnings {
            let _ = writeln!(
                out,
                "  [{:?}] {}: {}",
                w.severity,
                w.id,
                visible(&w.message)
            );
        }
    }
    let methods = interval_methods(report);
    if !methods.is_empty() {
        let _ = writeln!(out, "\nIntervals");
    }
    for line in methods {
        let _ = writeln!(out, "  {}", visible(&line));
    }
    out
}

/// One line per interval method, naming the metrics it covers:
/// `accuracy, precision, …: Wilson score interval, 95%.`
/// Metrics keep their report order; methods their first appearance.
fn interval_methods(report: &Report) -> Vec<String> {
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for (id, _) in &report.intervals.0 {
        let Some(method) = report
            .explanations
            .get(id)
            .and_then(|e| e.interval_method.as_deref())
        else {
            continue;
        };
        match groups.iter_mut().find(|(m, _)| *m == method) {
            Some((_, ids)) => ids.push(id),
            None => groups.push((method, vec![id])),
        }
    }
    groups
        .into_iter()
        .map(|(method, ids)| format!("{}: {method}.", ids.join(", ")))
        .collect()
}

/// Text made inert in GitHub-flavoured Markdown: control characters shown
/// as escapes, and every character that could start a link or image (`[`,
/// `]`), HTML or an autolink (`<`, `>`, `http:`, `www.`, `a@b`), emphasis,
/// a code span or strikethrough (`*`, `_`, `` ` ``, `~`), a table cell
/// (`|`), an entity (`&`), an emoji (`:smile:`) or a heading (`#` first)
/// backslash-escaped, so it prints as typed. Our own punctuation (`: `,
/// parentheses, decimals) is left alone. `[x](http://e)` →
/// `\[x\](http\://e)`.
pub fn markdown_text(text: &str) -> String {
    let text = visible(text);
    let mut out = String::with_capacity(text.len() + 8);
    let mut word = String::new();
    let mut chars = text.chars().peekable();
    let mut first = true;
    while let Some(c) = chars.next() {
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '@' => true,
            // A colon starts a scheme (`http:`) or an emoji only before a word.
            ':' => chars.peek().is_some_and(|n| !n.is_whitespace()),
            // `www.` starts an autolink in GFM even without a scheme.
            '.' => word.eq_ignore_ascii_case("www"),
            '#' | '+' | '-' => first,
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
        if c.is_alphanumeric() {
            word.push(c);
        } else {
            word.clear();
        }
        first = false;
    }
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
        markdown_text(&v.headline)
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
    let methods = interval_methods(report);
    if !methods.is_empty() {
        let _ = writeln!(out, "\nIntervals:\n");
    }
    for line in methods {
        let _ = writeln!(out, "- {}", markdown_text(&line));
    }
    if !report.warnings.is_empty() {
        let _ = writeln!(out);
        for w in &report.warnings {
            let _ = writeln!(
                out,
                "- **{}** ({:?}): {}",
                w.id,
                w.severity,
                markdown_text(&w.message)
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_text_escapes_links_html_and_autolinks() {
        assert_eq!(
            markdown_text("[x](http://e.com)"),
            "\\[x\\](http\\://e.com)"
        );
        assert_eq!(markdown_text("<b>bold</b>"), "\\<b\\>bold\\</b\\>");
        assert_eq!(markdown_text("see www.e.com"), "see www\\.e.com");
        assert_eq!(
            markdown_text("a_b *c* `d` | e"),
            "a\\_b \\*c\\* \\`d\\` \\| e"
        );
        assert_eq!(markdown_text("x\u{1b}[31m"), "x\\\\x1b\\[31m");
        assert_eq!(markdown_text("# title"), "\\# title");
        assert_eq!(markdown_text(":smile: a@b.c"), "\\:smile: a\\@b.c");
        let ours =
            "Not fit: it misses 50.0% of real positives (1 of 2; recall 0.5000, needs 0.85).";
        assert_eq!(markdown_text(ours), ours);
    }
}
