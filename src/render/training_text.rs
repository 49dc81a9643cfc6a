//! The training report as terminal text or Markdown. Reads only the
//! [`TrainingReport`]; series names come from the user's files and are made
//! visible (terminal) or escaped (Markdown).

use crate::format::{counted, plain, visible};
use crate::render::text::markdown_text;
use crate::report::training_contract::TrainingReport;
use crate::report::training_words::TrainingStatus;
use std::fmt::Write;

/// The verdict's status in capitals.
fn status_word(status: TrainingStatus) -> &'static str {
    match status {
        TrainingStatus::Healthy => "HEALTHY",
        TrainingStatus::Watch => "WATCH",
        TrainingStatus::Unhealthy => "UNHEALTHY",
    }
}

/// The facts shared by the text and Markdown forms: (label, value) lines.
fn facts(r: &TrainingReport) -> Vec<(String, String)> {
    let mut out = vec![(
        "Log".to_string(),
        format!("{} ({}), x = {}", r.files.join(", "), r.format, r.x),
    )];
    let series: Vec<String> = r
        .series
        .0
        .iter()
        .map(|(name, s)| format!("{name} ({})", counted(s.points, "point", "points")))
        .collect();
    out.push(("Series".to_string(), series.join(", ")));
    if let Some(monitor) = &r.monitor {
        let best = r.best.map_or("no finite value".to_string(), |b| {
            format!(
                "{} at {} {} (evaluation {})",
                plain(b.value),
                r.x,
                plain(b.x),
                b.index
            )
        });
        out.push((format!("Best {monitor} ({})", r.mode), best));
    }
    let e = &r.early_stopping;
    let stop = match (e.stopped_index, e.stopped_x) {
        (Some(i), Some(x)) => format!("stops at {} {} (evaluation {i})", r.x, plain(x)),
        _ => "never stops".to_string(),
    };
    let kept = e
        .best_x
        .map(|x| format!(", keeps {} {}", r.x, plain(x)))
        .unwrap_or_default();
    out.push((
        format!(
            "Early stopping (patience {}, min_delta {})",
            e.patience,
            plain(e.min_delta)
        ),
        format!("{stop}{kept}"),
    ));
    if let Some(hf) = &r.hf_best {
        let agrees = match hf.agrees {
            Some(true) => "agrees",
            Some(false) => "DISAGREES",
            None => "cannot be checked",
        };
        out.push((
            "The file's own best".to_string(),
            format!(
                "{} ({agrees})",
                hf.best_model_checkpoint
                    .clone()
                    .unwrap_or_else(|| "none".into())
            ),
        ));
    }
    out
}

/// The training report for a terminal.
pub fn training_to_text(r: &TrainingReport) -> String {
    let mut out = String::new();
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
    for (label, value) in facts(r) {
        let _ = writeln!(out, "{}: {}", visible(&label), visible(&value));
    }
    if !r.warnings.is_empty() {
        let _ = writeln!(out, "\nFindings:");
        for w in &r.warnings {
            let _ = writeln!(out, "  [{}] {}", w.id, visible(&w.message));
        }
    }
    out
}

/// The training report as Markdown (for CI comments).
pub fn training_to_markdown(r: &TrainingReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "## Training: **{}** — {}\n",
        status_word(r.verdict.status),
        markdown_text(&r.verdict.headline)
    );
    for reason in &r.verdict.reasons {
        let _ = writeln!(out, "- {}", markdown_text(reason));
    }
    let _ = writeln!(out);
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
