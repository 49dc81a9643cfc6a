//! The JavaScript boundary: the only module that imports wasm-bindgen.
//! It converts inputs, calls the core, converts results — no logic here.
//!
//! Inputs arrive as boundary structs of their own: the counts and settings
//! ([`CountsInput`], [`SettingsInput`]) read property by property
//! (`page_object.rs`, the page's own core), the workers' richer options
//! through serde-wasm-bindgen. The report leaves as the very JSON the CLI prints
//! (compact: the same values without the whitespace, and the page's core
//! holds no pretty printer), parsed by `JSON.parse`: the page and
//! `fitcheck --json` cannot drift apart,
//! and totals above 2^53 (which serde-wasm-bindgen refuses as numbers) still
//! arrive. Errors are thrown as JavaScript `Error`s with a `field` property
//! naming the input that caused them, so the page can show the message there.

#[cfg(feature = "workers")]
use crate::input::demo::demo_dataset;
use crate::input::fits::Reader;
#[cfg(feature = "workers")]
use crate::input::ingest::{ColumnRef, Ingest, IngestOptions, ReadSettings};
use crate::report::assemble::binary_report_resampled;
use crate::report::contract::BinaryLabels;
#[cfg(feature = "workers")]
use crate::report::file_report::{FileReportOptions, LoadedData};
use crate::report::score_report::CurveDetail;
use crate::report::settings::{DemoSettings, Settings, TrainingSettings};
use crate::{ConfusionCounts, Error};
#[cfg(feature = "workers")]
use reader::{blob_of, check_page_fits, read_into, Cancel, Progress};
use serde::Deserialize;
#[cfg(feature = "workers")]
use std::cell::RefCell;
#[cfg(feature = "workers")]
use std::rc::Rc;
use wasm_bindgen::prelude::*;

#[cfg(feature = "workers")]
pub mod compare;
#[cfg(feature = "workers")]
pub use compare::{compare_counts, compare_counts_markdown, CompareRead, LoadedComparison};
#[cfg(feature = "workers")]
pub use leakage::{LeakageRead, LoadedLeakage};
#[cfg(feature = "workers")]
pub use training::{LoadedTraining, TrainingRead};
#[cfg(feature = "workers")]
pub mod leakage;
mod page_object;
#[cfg(feature = "workers")]
pub mod reader;
#[cfg(feature = "workers")]
pub mod training;
mod types;

use page_object::PageObject;

/// How every refusal of the page's counts begins.
pub(crate) const MALFORMED_INPUT: &str = "fitcheck received malformed input";

/// The four counts of a counts report, as typed (see `CountsInput` in
/// TypeScript; its settings are read as a [`SettingsInput`]).
pub struct CountsInput {
    pub(crate) tp: String,
    pub(crate) fn_: String,
    pub(crate) fp: String,
    pub(crate) tn: String,
}

impl CountsInput {
    /// The four counts of a page object (each must be text).
    pub(crate) fn read(object: &PageObject) -> Result<CountsInput, JsValue> {
        Ok(CountsInput {
            tp: object.required_text("tp")?,
            fn_: object.required_text("fn")?,
            fp: object.required_text("fp")?,
            tn: object.required_text("tn")?,
        })
    }
}

/// A number from the page: a number, or text as typed (read by the core's
/// one rule, [`parse_number`](crate::options::parse_number)). An empty box means "not given".
#[derive(Deserialize)]
#[serde(untagged)]
pub(crate) enum NumberInput {
    Number(f64),
    Text(String),
}

pub(crate) fn number(
    option: &'static str,
    input: Option<NumberInput>,
) -> Result<Option<f64>, Error> {
    match input {
        None => Ok(None),
        Some(NumberInput::Number(x)) => Ok(Some(x)),
        Some(NumberInput::Text(t)) if t.trim().is_empty() => Ok(None),
        Some(NumberInput::Text(t)) => parse_typed_number(option, &t).map(Some),
    }
}

/// A number typed into the page, read by the core's one rule
/// ([`parse_number`](crate::options::parse_number): the same value, the same error), with the conversion
/// of decimal text done by JavaScript's `parseFloat` (correctly rounded,
/// like Rust's parser): the page's core then holds no decimal parser of its
/// own, about 14 kB gzipped (see `options::parse_number_with`).
/// tests/wasm_boundary.rs compares it with [`parse_number`](crate::options::parse_number) under Node.
pub fn parse_typed_number(option: &'static str, text: &str) -> Result<f64, Error> {
    crate::options::parse_number_with(option, text, |decimal| {
        Some(js_sys::Number::parse_float(decimal))
    })
}

/// Settings as the page sends them (see `SettingsInput` in TypeScript);
/// each is optional and becomes a field of the core's [`Settings`].
#[derive(Default)]
pub struct SettingsInput {
    beta: Option<NumberInput>,
    task: Option<String>,
    min_precision: Option<NumberInput>,
    min_recall: Option<NumberInput>,
    min_f1: Option<NumberInput>,
    threshold: Option<NumberInput>,
    rank: Option<NumberInput>,
    positive: Option<String>,
    cost_fp: Option<NumberInput>,
    cost_fn: Option<NumberInput>,
    prevalence: Option<NumberInput>,
    target_recall: Option<NumberInput>,
    target_precision: Option<NumberInput>,
    curves: Option<String>,
    max_classes: Option<NumberInput>,
    resamples: Option<NumberInput>,
    seed: Option<NumberInput>,
    monitor: Option<String>,
    mode: Option<String>,
    patience: Option<NumberInput>,
    min_delta: Option<NumberInput>,
    smoothing: Option<NumberInput>,
}

impl SettingsInput {
    /// The settings of a page object (`undefined` or `null`: none given),
    /// each read under its camelCase name.
    pub(crate) fn read(value: &JsValue) -> Result<SettingsInput, JsValue> {
        if value.is_undefined() || value.is_null() {
            return Ok(SettingsInput::default());
        }
        let o = PageObject::new(value, "fitcheck received malformed options")?;
        Ok(SettingsInput {
            beta: o.number("beta")?,
            task: o.text("task")?,
            min_precision: o.number("minPrecision")?,
            min_recall: o.number("minRecall")?,
            min_f1: o.number("minF1")?,
            threshold: o.number("threshold")?,
            rank: o.number("rank")?,
            positive: o.text("positive")?,
            cost_fp: o.number("costFp")?,
            cost_fn: o.number("costFn")?,
            prevalence: o.number("prevalence")?,
            target_recall: o.number("targetRecall")?,
            target_precision: o.number("targetPrecision")?,
            curves: o.text("curves")?,
            max_classes: o.number("maxClasses")?,
            resamples: o.number("resamples")?,
            seed: o.number("seed")?,
            monitor: o.text("monitor")?,
            mode: o.text("mode")?,
            patience: o.number("patience")?,
            min_delta: o.number("minDelta")?,
            smoothing: o.number("smoothing")?,
        })
    }

    fn into_settings(self) -> Result<Settings, Error> {
        Ok(Settings {
            beta: number("beta", self.beta)?,
            task: self.task,
            min_precision: number("min_precision", self.min_precision)?,
            min_recall: number("min_recall", self.min_recall)?,
            min_f1: number("min_f1", self.min_f1)?,
            threshold: number("threshold", self.threshold)?,
            rank: number("rank", self.rank)?,
            positive: self.positive,
            cost_fp: number("cost_fp", self.cost_fp)?,
            cost_fn: number("cost_fn", self.cost_fn)?,
            prevalence: number("prevalence", self.prevalence)?,
            target_recall: number("target_recall", self.target_recall)?,
            target_precision: number("target_precision", self.target_precision)?,
            curves: self.curves.as_deref().map(|c| match c {
                "complete" => CurveDetail::Complete,
                "display" => CurveDetail::Display,
                _ => CurveDetail::None,
            }),
            max_classes: number("max_classes", self.max_classes)?,
            resamples: number("resamples", self.resamples)?,
            seed: number("seed", self.seed)?,
            demo: DemoSettings::default(),
            training: TrainingSettings {
                monitor: self.monitor,
                mode: self.mode,
                patience: number("patience", self.patience)?,
                min_delta: number("min_delta", self.min_delta)?,
                smoothing: number("smoothing", self.smoothing)?,
            },
        })
    }
}

/// A thrown `Error` with `message` and, when known, `field`.
pub(crate) fn js_error(message: &str, field: Option<&str>) -> JsValue {
    let error = js_sys::Error::new(message);
    if let Some(field) = field {
        set(&error, "field", &field.into());
    }
    error.into()
}

/// Sets a property on a fresh object (cannot fail for plain objects).
pub(crate) fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(target, &key.into(), value);
}

pub(crate) fn from_core(err: Error) -> JsValue {
    let error = js_error(&err.to_string(), err.field());
    set(&error, "kind", &err.kind_id().into());
    if let Some(line) = err.line() {
        set(&error, "line", &(line as f64).into());
    }
    if let Some(columns) = err.columns() {
        let list: js_sys::Array = columns.iter().map(|c| JsValue::from_str(c)).collect();
        set(&error, "columns", &list);
    }
    error
}

fn to_js(report: &crate::Report) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(&report.to_compact_json())
}

/// Builds the full binary report from the four counts as typed.
/// Throws an `Error` (with `field`) for bad input; never panics.
#[wasm_bindgen(js_name = countsReport)]
pub fn counts_report(input: JsValue) -> Result<JsValue, JsValue> {
    let counts = CountsInput::read(&PageObject::new(&input, MALFORMED_INPUT)?)?;
    let settings = SettingsInput::read(&input)?;
    let counts = ConfusionCounts::parse(&counts.tp, &counts.fn_, &counts.fp, &counts.tn)
        .map_err(from_core)?;
    let options = resolve(settings).map_err(from_core)?;
    let f = &options.file;
    let report =
        binary_report_resampled(&counts, &f.report, &BinaryLabels::default(), &f.resampling)
            .map_err(from_core)?;
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
    crate::input::counts::parse_count(field, text)
        .map(|_| ())
        .map_err(from_core)
}

/// Throws the core's `too_large` error when files of `bytes` (together)
/// would not fit in the page's memory for `reader` (`predictions`,
/// `comparison`, `leakage` or `training`). Every read checks its files
/// itself before reading (the door knows each `File.size`); this lets the
/// page ask before starting.
#[wasm_bindgen(js_name = checkFits)]
pub fn check_fits(bytes: f64, reader: &str) -> Result<(), JsValue> {
    let reader = Reader::parse(reader)
        .ok_or_else(|| js_error(&format!("unknown reader \"{reader}\""), None))?;
    crate::input::fits::check_fits(bytes.max(0.0) as u64, reader).map_err(from_core)
}

/// Bytes of wasm linear memory in use by the core (it grows, never shrinks):
/// the page and the benchmark show it next to the size of the columns.
#[wasm_bindgen(js_name = memoryBytes)]
pub fn memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65536) as f64
}

/// Every default and limit (a `Defaults`): the settings the core fills in
/// when the page leaves them out, the demo's controls and the tasks with
/// their descriptions. The page reads these instead of copying them.
#[wasm_bindgen]
pub fn defaults() -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(&crate::report::settings::defaults().to_json())
}

pub(crate) fn resolve(
    input: SettingsInput,
) -> Result<crate::report::settings::ResolvedSettings, Error> {
    input.into_settings()?.resolve()
}

/// The version of the fitcheck core, shown in the page footer.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// A column given from JavaScript as a header name or a 1-based number.
#[cfg(feature = "workers")]
#[derive(Deserialize, Clone)]
#[serde(untagged)]
pub(crate) enum ColumnInput {
    Number(f64),
    Name(String),
}

#[cfg(feature = "workers")]
impl From<ColumnInput> for ColumnRef {
    fn from(c: ColumnInput) -> Self {
        match c {
            ColumnInput::Number(n) if n >= 1.0 && n.fract() == 0.0 => ColumnRef::Index(n as usize),
            ColumnInput::Number(n) => ColumnRef::Name(n.to_string()),
            ColumnInput::Name(s) => ColumnRef::parse(&s),
        }
    }
}

/// How the page asks for a file to be read (see `IngestInput` in TypeScript).
#[cfg(feature = "workers")]
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct IngestInput {
    delimiter: Option<String>,
    has_header: Option<bool>,
    truth: Option<ColumnInput>,
    pred: Option<ColumnInput>,
    score: Option<ColumnInput>,
    skip_bad_rows: Option<bool>,
    max_classes: Option<NumberInput>,
    expected_bytes: Option<f64>,
}

#[cfg(feature = "workers")]
impl IngestInput {
    fn into_options(self) -> Result<IngestOptions, Error> {
        let limit = resolve(SettingsInput {
            max_classes: self.max_classes,
            ..SettingsInput::default()
        })?
        .max_classes;
        ReadSettings {
            // An empty menu choice means "detect".
            delimiter: self.delimiter.filter(|d| !d.is_empty()),
            has_header: self.has_header,
            truth: self.truth.map(ColumnRef::from),
            pred: self.pred.map(ColumnRef::from),
            score: self.score.map(ColumnRef::from),
            skip_bad_rows: self.skip_bad_rows.unwrap_or(false),
            expected_bytes: self
                .expected_bytes
                .filter(|n| n.is_finite() && *n >= 0.0)
                .map(|n| n as u64),
            models: None,
        }
        .options(limit)
    }
}

#[cfg(feature = "workers")]
pub(crate) fn from_js<T: for<'de> Deserialize<'de> + Default>(
    value: JsValue,
) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    serde_wasm_bindgen::from_value(value)
        .map_err(|e| js_error(&format!("fitcheck received malformed options: {e}"), None))
}

/// Controls of the demo data set (see `DemoInput` in TypeScript).
#[cfg(feature = "workers")]
#[derive(Deserialize, Default)]
pub struct DemoInput {
    separation: Option<NumberInput>,
    prevalence: Option<NumberInput>,
    size: Option<NumberInput>,
    seed: Option<NumberInput>,
}

/// Reads a CSV file chunk by chunk: `push` each chunk, then `finish`.
#[cfg(feature = "workers")]
#[wasm_bindgen]
pub struct CsvIngest {
    inner: Option<Ingest>,
}

#[cfg(feature = "workers")]
#[wasm_bindgen]
impl CsvIngest {
    /// Starts reading with these options (an `IngestInput`, or nothing).
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<CsvIngest, JsValue> {
        let input: IngestInput = from_js(options)?;
        Ok(CsvIngest {
            inner: Some(Ingest::new(input.into_options().map_err(from_core)?)),
        })
    }

    /// Feeds the next chunk of bytes. Throws on the first bad row (unless
    /// bad rows are skipped) with `kind`, `line` and a message.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), JsValue> {
        match self.inner.as_mut() {
            Some(ingest) => ingest.push(chunk).map_err(from_core),
            None => Err(js_error("this file has already been finished", None)),
        }
    }

    /// Rows read so far.
    #[wasm_bindgen(getter)]
    pub fn rows(&self) -> f64 {
        self.inner.as_ref().map_or(0.0, |i| i.rows() as f64)
    }

    /// Ends the input and returns the loaded columns.
    pub fn finish(&mut self) -> Result<LoadedFile, JsValue> {
        let ingest = self
            .inner
            .take()
            .ok_or_else(|| js_error("this file has already been finished", None))?;
        Ok(LoadedFile {
            inner: LoadedData::new(ingest.finish().map_err(from_core)?),
            last: None,
        })
    }
}

/// Reads a predictions file (a `File`, `Blob` or pasted text) into columns
/// through the one file reader ([`reader`]): `run()` reads it, posting
/// progress from the worker, and `cancel()` stops it at the next chunk.
#[cfg(feature = "workers")]
#[wasm_bindgen]
pub struct CsvRead {
    source: web_sys::Blob,
    options: Rc<RefCell<Option<IngestOptions>>>,
    id: JsValue,
    post: Option<js_sys::Function>,
    cancel: Cancel,
}

#[cfg(feature = "workers")]
#[wasm_bindgen]
impl CsvRead {
    /// A read of `source` with these options (an `IngestInput`, or nothing;
    /// `expectedBytes` is the source's size). Progress messages carry `id`
    /// and go to `post` when given, else to the worker's `postMessage`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        source: JsValue,
        options: JsValue,
        id: JsValue,
        post: Option<js_sys::Function>,
    ) -> Result<CsvRead, JsValue> {
        let input: IngestInput = from_js(options)?;
        let source = blob_of(&source).map_err(from_core)?;
        let options = input
            .into_options()
            .map_err(from_core)?
            .expected_bytes(source.size() as u64);
        Ok(CsvRead {
            source,
            options: Rc::new(RefCell::new(Some(options))),
            id,
            post,
            cancel: Cancel::default(),
        })
    }

    /// Reads the source; resolves with a `LoadedFile`, or rejects with the
    /// core's error (`kind` "cancelled" after `cancel()`). Runs once.
    #[wasm_bindgen(unchecked_return_type = "Promise<LoadedFile>")]
    pub fn run(&self) -> js_sys::Promise {
        let source = self.source.clone();
        let options = self.options.borrow_mut().take();
        let mut progress = Progress::new(self.id.clone(), self.post.clone());
        let cancel = self.cancel.clone();
        wasm_bindgen_futures::future_to_promise(async move {
            let options =
                options.ok_or_else(|| js_error("this read has already been run", None))?;
            check_page_fits(&[&source], Reader::Predictions).map_err(from_core)?;
            let data = read_into(&source, Ingest::new(options), &mut progress, &cancel)
                .await
                .map_err(from_core)?;
            Ok(LoadedFile {
                inner: LoadedData::new(data),
                last: None,
            }
            .into())
        })
    }

    /// Stops the read at the next chunk boundary.
    pub fn cancel(&self) {
        self.cancel.cancel();
    }
}

/// A file read into columns; reports on it are cheap to recompute: for
/// score files the sorted curve is kept per positive class, so a new
/// threshold costs a binary search.
#[cfg(feature = "workers")]
#[wasm_bindgen]
pub struct LoadedFile {
    inner: LoadedData,
    /// The options of the last full report: a threshold move reuses them.
    last: Option<FileReportOptions>,
}

#[cfg(feature = "workers")]
#[wasm_bindgen]
impl LoadedFile {
    /// The report at these settings (a `FileReportInput`, or nothing).
    pub fn report(&mut self, options: JsValue) -> Result<JsValue, JsValue> {
        let input = SettingsInput::read(&options)?;
        let options = resolve(input).map_err(from_core)?.file;
        let report = self.inner.report(&options).map_err(from_core)?;
        self.last = Some(options);
        to_js(&report)
    }

    /// A threshold move (a `ThresholdReport`): the report at the settings of
    /// the last `report()`, with only the threshold changed (a slider `rank`
    /// when given, else `threshold`), without the parts a threshold cannot
    /// change (source, operating points, curves, calibration, histogram),
    /// which the page keeps from that report. No settings are read again and
    /// nothing is sorted again: one binary search and the metrics of four
    /// counts. Throws as `report()` does (`field` "threshold" or "rank").
    #[wasm_bindgen(js_name = atThreshold, unchecked_return_type = "ThresholdReport")]
    pub fn at_threshold(
        &mut self,
        rank: Option<f64>,
        threshold: Option<f64>,
    ) -> Result<JsValue, JsValue> {
        js_sys::JSON::parse(&self.at_threshold_json(rank, threshold)?)
    }

    /// The same move as `atThreshold`, as compact JSON text (a
    /// `ThresholdReport` once parsed): the worker posts the text as it is,
    /// since one string crosses `postMessage` in a copy, while the parsed
    /// object's structured clone cost as much as computing the move
    /// (bench/browser.mjs threshold, `transit`). Throws as `atThreshold`.
    #[wasm_bindgen(js_name = atThresholdJson)]
    pub fn at_threshold_json(
        &mut self,
        rank: Option<f64>,
        threshold: Option<f64>,
    ) -> Result<String, JsValue> {
        let mut options = self
            .last
            .clone()
            .ok_or_else(|| js_error("no report has been made on this file yet", None))?;
        // The one rule for ranks and thresholds: resolved as `report()` does.
        let choice = resolve(SettingsInput {
            rank: rank.map(NumberInput::Number),
            threshold: threshold.map(NumberInput::Number),
            ..SettingsInput::default()
        })
        .map_err(from_core)?
        .file;
        options.threshold = choice.threshold;
        options.rank = choice.rank;
        options.threshold_set = options.threshold_set || choice.threshold_set;
        Ok(self
            .inner
            .threshold_move(&options)
            .map_err(from_core)?
            .to_compact_json())
    }

    /// Rows read.
    #[wasm_bindgen(getter)]
    pub fn rows(&self) -> f64 {
        self.inner.data().rows as f64
    }

    /// The built-in teaching data set (a `DemoInput`): labelled scores from
    /// two overlapping distributions.
    pub fn demo(options: JsValue) -> Result<LoadedFile, JsValue> {
        let input: DemoInput = from_js(options)?;
        let settings = Settings {
            demo: DemoSettings {
                separation: number("separation", input.separation).map_err(from_core)?,
                prevalence: number("prevalence", input.prevalence).map_err(from_core)?,
                size: number("size", input.size).map_err(from_core)?,
                seed: number("seed", input.seed).map_err(from_core)?,
            },
            ..Settings::default()
        };
        let options = settings.resolve().map_err(from_core)?.demo;
        Ok(LoadedFile {
            inner: LoadedData::new(demo_dataset(&options).map_err(from_core)?),
            last: None,
        })
    }
}
