//! The comparison report as terminal text or Markdown. Reads only the
//! [`ComparisonReport`]; names from the user's files are made visible
//! (terminal) or escaped (Markdown) as in `render/text.rs`.

use crate::format::{count, p_is, signed3, visible};
use crate::render::text::markdown_text;
use crate::report::comparison_contract::{ComparisonReport, ComparisonStatus, Difference, Outcome};
use crate::report::counts_comparison::{CountsComparison, CountsStatus};
use std::fmt::Write;

/// The verdict's status in capitals.
fn status_word(status: ComparisonStatus) -> &'static str {
    match status {
        ComparisonStatus::Better => "BETTER",
        ComparisonStatus::Worse => "WORSE",
        ComparisonStatus::NoDetectableDifference => "NO DETECTABLE DIFFERENCE",
    }
}

/// An outcome as an arrow and a word (never colour alone).
fn outcome_text(o: Outcome) -> &'static str {
    match o {
        Outcome::Better => "▲ better",
        Outcome::Worse => "▼ worse",
        Outcome::NoDetectableDifference => "= no detectable difference",
        Outcome::Undefined => "",
    }
}

fn v4(x: Option<f64>) -> String {
    x.map_or("undefined".to_string(), |x| format!("{x:.4}"))
}

/// A row of the side-by-side table: name, A, B, B − A, interval, outcome.
fn difference_cells(d: &Difference) -> [String; 6] {
    [
        d.name.to_string(),
        v4(d.a),
        v4(d.b),
        d.delta.map(signed3).unwrap_or_default(),
        ci_text(d),
        outcome_text(d.outcome).to_string(),
    ]
}

fn ci_text(d: &Difference) -> String {
    d.ci.map(|[lo, hi]| format!("[{}, {}]", signed3(lo), signed3(hi)))
        .unwrap_or_default()
}

/// The comparison for a terminal.
pub fn comparison_to_text(r: &ComparisonReport) -> String {
    let mut out = String::new();
    let [a, b] = &r.models;
    let (a, b) = (visible(a), visible(b));
    let _ = writeln!(
        out,
        "Comparison of {} examples: A = {a}, B = {b}",
        count(r.n)
    );
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "Verdict: {} — {}",
        status_word(r.verdict.status),
        visible(&r.verdict.headline)
    );
    for reason in &r.verdict.reasons {
        let _ = writeln!(out, "  - {}", visible(reason));
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{:<28} {:>9} {:>9} {:>8}  95% CI of B − A",
        "metric", "A", "B", "B − A"
    );
    for [name, a, b, delta, ci, outcome] in r.differences.iter().map(difference_cells) {
        let _ = writeln!(
            out,
            "{name:<28} {a:>9} {b:>9} {delta:>8}  {ci:<18} {outcome}"
        );
    }
    let m = &r.mcnemar;
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "McNemar: both right {}, only A right {}, only B right {}, both wrong {}; exact p {}, mid-p {}",
        count(m.both_right),
        count(m.a_only),
        count(m.b_only),
        count(m.both_wrong),
        p_is(m.exact_p),
        p_is(m.mid_p)
    );
    if let Some(d) = &r.delong {
        let z = d.z.map_or("undefined".to_string(), |z| format!("{z:.3}"));
        let _ = writeln!(
            out,
            "DeLong: z {z}, variances {:.3e} (A) and {:.3e} (B), covariance {:.3e}",
            d.var_a, d.var_b, d.covariance
        );
    } else if let Some(why) = &r.delong_undefined {
        let _ = writeln!(out, "DeLong: undefined ({})", visible(why));
    }
    let _ = writeln!(
        out,
        "Bootstrap: {} resamples, seed {} — {}",
        count(u64::from(r.bootstrap.resamples)),
        r.bootstrap.seed,
        r.bootstrap.method
    );
    if let Some(rows) = &r.per_class {
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "{:<24} {:>8} {:>8} {:>8} {:>8}",
            "class", "F1 A", "F1 B", "ΔF1", "support"
        );
        for c in rows {
            let _ = writeln!(
                out,
                "{:<24} {:>8} {:>8} {:>8} {:>8}",
                visible(&c.label).chars().take(24).collect::<String>(),
                v4(c.f1_a),
                v4(c.f1_b),
                c.delta_f1.map(signed3).unwrap_or_default(),
                count(c.support)
            );
        }
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "Flips: {} got worse (A right → B wrong), {} got better (A wrong → B right)",
        count(r.flips.a_only),
        count(r.flips.b_only)
    );
    if !r.warnings.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "Warnings:");
        for w in &r.warnings {
            let _ = writeln!(out, "  [{}] {}", w.id, visible(&w.message));
        }
    }
    out
}

/// The comparison as Markdown (for CI comments).
pub fn comparison_to_markdown(r: &ComparisonReport) -> String {
    let mut out = String::new();
    let [a, b] = &r.models;
    let _ = writeln!(
        out,
        "## Comparison: {} → {}\n",
        markdown_text(a),
        markdown_text(b)
    );
    let _ = writeln!(
        out,
        "**{}** — {}\n",
        status_word(r.verdict.status),
        markdown_text(&r.verdict.headline)
    );
    for reason in &r.verdict.reasons {
        let _ = writeln!(out, "- {}", markdown_text(reason));
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "| metric | A | B | B − A | 95% CI | |");
    let _ = writeln!(out, "| --- | ---: | ---: | ---: | --- | --- |");
    for cells in r.differences.iter().map(difference_cells) {
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    let m = &r.mcnemar;
    let _ = writeln!(
        out,
        "\nMcNemar: {} vs {} discordant examples, exact p {}, mid-p {}. {} examples.",
        count(m.a_only),
        count(m.b_only),
        p_is(m.exact_p),
        p_is(m.mid_p),
        count(r.n)
    );
    if !r.warnings.is_empty() {
        let _ = writeln!(out);
        for w in &r.warnings {
            let _ = writeln!(out, "- **{}**: {}", w.id, markdown_text(&w.message));
        }
    }
    out
}

/// The counts status in capitals.
fn counts_status_word(status: CountsStatus) -> &'static str {
    match status {
        CountsStatus::Better => "BETTER",
        CountsStatus::Worse => "WORSE",
        CountsStatus::NoDetectableDifference => "NO DETECTABLE DIFFERENCE",
        CountsStatus::DependsOnPairing => "DEPENDS ON THE PAIRING",
    }
}

/// The rows shared by the text and Markdown forms of a counts comparison.
fn counts_rows(r: &CountsComparison) -> Vec<[String; 5]> {
    r.unpaired
        .0
        .iter()
        .map(|(id, u)| {
            let name =
                r.a.explanations
                    .get(id)
                    .map_or(id.clone(), |e| e.name.clone());
            [
                name,
                format!("{:.4}", u.a),
                format!("{:.4}", u.b),
                signed3(u.delta),
                format!("[{}, {}]", signed3(u.ci[0]), signed3(u.ci[1])),
            ]
        })
        .collect()
}

/// A counts comparison for a terminal.
pub fn counts_comparison_to_text(r: &CountsComparison) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Comparison of two models' counts on the same {} examples",
        count(r.n)
    );
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "Verdict: {} — {}",
        counts_status_word(r.verdict.status),
        r.verdict.headline
    );
    for reason in &r.verdict.reasons {
        let _ = writeln!(out, "  - {reason}");
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{:<28} {:>9} {:>9} {:>8}  unpaired 95% CI of B − A",
        "metric", "A", "B", "B − A"
    );
    for [name, a, b, d, ci] in counts_rows(r) {
        let _ = writeln!(out, "{name:<28} {a:>9} {b:>9} {d:>8}  {ci}");
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "{}", r.advice);
    out
}

/// A counts comparison as Markdown.
pub fn counts_comparison_to_markdown(r: &CountsComparison) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "## Comparison of two models' counts ({} examples)\n",
        count(r.n)
    );
    let _ = writeln!(
        out,
        "**{}** — {}\n",
        counts_status_word(r.verdict.status),
        r.verdict.headline
    );
    for reason in &r.verdict.reasons {
        let _ = writeln!(out, "- {reason}");
    }
    let _ = writeln!(out, "\n| metric | A | B | B − A | unpaired 95% CI |");
    let _ = writeln!(out, "| --- | ---: | ---: | ---: | --- |");
    for [name, a, b, d, ci] in counts_rows(r) {
        let _ = writeln!(out, "| {name} | {a} | {b} | {d} | {ci} |");
    }
    let _ = writeln!(out, "\n{}", r.advice);
    out
}
