//! The JavaScript boundary: the only module that imports wasm-bindgen.
//! It converts inputs, calls the core, converts results — no logic here.
//!
//! Inputs arrive through serde-wasm-bindgen as a boundary struct of their own
//! ([`CountsInput`]). The report leaves as the very JSON the CLI prints,
//! parsed by `JSON.parse`: the page and `fitcheck --json` cannot drift apart,
//! and totals above 2^53 (which serde-wasm-bindgen refuses as numbers) still
//! arrive. Errors are thrown as JavaScript `Error`s with a `field` property
//! naming the input that caused them, so the page can show the message there.

use crate::options::{ReportOptions, Task, Thresholds};
use crate::{binary_report, ConfusionCounts, Error};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** Text of the four count fields as typed, plus the task settings. */
export interface CountsInput {
  tp: string; fn: string; fp: string; tn: string;
  beta?: string;            // default "1"
  task?: "balanced" | "false_alarms_costly" | "misses_costly";
  minPrecision?: number; minRecall?: number; minF1?: number;  // defaults 0.85
}
/** The report of ../shared/design.md (same JSON as `fitcheck --json`). */
export interface Report {
  kind: "binary" | "multiclass"; n: number; pos_label?: string; labels: string[];
  confusion: number[][]; counts?: { tp: number; fn: number; fp: number; tn: number };
  metrics: Record<string, number | null>; intervals: Record<string, [number, number]>;
  undefined: Record<string, string>;
  per_class: { label: string; precision: number | null; recall: number | null; f1: number | null; support: number }[];
  averages: Record<"macro" | "weighted" | "micro", { precision: number; recall: number; f1: number }>;
  significance: { no_information_rate: number | null; accuracy_p_value: number | null; test: string };
  warnings: { id: string; severity: "low" | "medium" | "high"; message: string }[];
  explanations: Record<string, { name: string; formula: string; meaning: string; when: string; interval_method?: string }>;
  verdict: { status: "fit" | "borderline" | "not_fit"; task: string; watch: string; headline: string; reasons: string[] };
}
/** Thrown errors carry the input field they belong to ("tp", "beta", ...), if any. */
export interface FitcheckError extends Error { field?: string }
"#;

/// What the page sends for a counts report (see `CountsInput` in TypeScript).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CountsInput {
    tp: String,
    #[serde(rename = "fn")]
    fn_: String,
    fp: String,
    tn: String,
    beta: Option<String>,
    task: Option<String>,
    min_precision: Option<f64>,
    min_recall: Option<f64>,
    min_f1: Option<f64>,
}

impl CountsInput {
    fn options(&self) -> Result<ReportOptions, Error> {
        let defaults = Thresholds::default();
        Ok(ReportOptions {
            beta: match &self.beta {
                Some(text) => ReportOptions::parse_beta(text)?,
                None => 1.0,
            },
            task: match &self.task {
                Some(text) => Task::parse(text)?,
                None => Task::Balanced,
            },
            thresholds: Thresholds {
                min_precision: self.min_precision.unwrap_or(defaults.min_precision),
                min_recall: self.min_recall.unwrap_or(defaults.min_recall),
                min_f1: self.min_f1.unwrap_or(defaults.min_f1),
            },
        })
    }
}

/// A thrown `Error` with `message` and, when known, `field`.
fn js_error(message: &str, field: Option<&str>) -> JsValue {
    let error = js_sys::Error::new(message);
    if let Some(field) = field {
        // Setting a property on a fresh Error object cannot fail.
        let _ = js_sys::Reflect::set(&error, &"field".into(), &field.into());
    }
    error.into()
}

fn from_core(err: Error) -> JsValue {
    js_error(&err.to_string(), err.field())
}

fn to_js(report: &crate::Report) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(&report.to_json())
}

/// Builds the full binary report from the four counts as typed.
/// Throws an `Error` (with `field`) for bad input; never panics.
#[wasm_bindgen(js_name = countsReport)]
pub fn counts_report(input: JsValue) -> Result<JsValue, JsValue> {
    let input: CountsInput = serde_wasm_bindgen::from_value(input)
        .map_err(|e| js_error(&format!("fitcheck received malformed input: {e}"), None))?;
    let counts =
        ConfusionCounts::parse(&input.tp, &input.fn_, &input.fp, &input.tn).map_err(from_core)?;
    let options = input.options().map_err(from_core)?;
    let report = binary_report(&counts, &options).map_err(from_core)?;
    to_js(&report)
}

/// Checks one count as typed (`field` is `tp`, `fn`, `fp` or `tn`), so the
/// page can mark every bad field at once, not just the first.
#[wasm_bindgen(js_name = checkCount)]
pub fn check_count(field: &str, text: &str) -> Result<(), JsValue> {
    let field: &'static str = match field {
        "tp" => "tp",
        "fn" => "fn",
        "fp" => "fp",
        "tn" => "tn",
        other => return Err(js_error(&format!("unknown count field \"{other}\""), None)),
    };
    crate::counts::parse_count(field, text)
        .map(|_| ())
        .map_err(from_core)
}

/// The version of the fitcheck core, shown in the page footer.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
