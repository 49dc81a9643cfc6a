//! The diagnosis of a training run, glued together: the findings with their
//! numbers (`metrics/training`), their sentences and the verdict
//! (`report/training_words.rs`), and the check of a Hugging Face file's own
//! best checkpoint against the computed one.

use crate::input::training::{Series, TrainingLog};
use crate::metrics::training::{Best, Mode};
use crate::report::contract::OrderedMap;
use crate::report::training_contract::{HfBestJson, TrainingVerdictJson};
use crate::report::warnings::Warning;

/// Findings (id → numbers), warnings and the verdict of a run.
pub fn diagnosis(
    _log: &TrainingLog,
    _monitored: Option<&Series>,
    _mode: Mode,
    _smoothing: f64,
    best: Option<Best>,
    _hf_best: Option<&HfBestJson>,
) -> (
    OrderedMap<serde_json::Value>,
    Vec<Warning>,
    TrainingVerdictJson,
) {
    // Placeholder until the analysis lands: no findings.
    (
        OrderedMap(Vec::new()),
        Vec::new(),
        TrainingVerdictJson {
            status: "healthy",
            headline: String::new(),
            reasons: Vec::new(),
            checkpoint: best.map(|b| b.x),
        },
    )
}
