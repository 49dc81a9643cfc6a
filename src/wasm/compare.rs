//! The page's door to comparisons: [`CompareRead`] reads one file (truth and
//! two model columns) or two files (before, after) through the one file
//! reader, and [`LoadedComparison`] makes reports on them at any settings.
//! Conversions only; the work is in `input/paired.rs` and
//! `report/comparison.rs`.

use super::page_object::PageObject;
use super::reader::{blob_of, check_page_fits, read_into, Cancel, Progress};
use super::{from_core, resolve, set, CountsInput, SettingsInput, MALFORMED_INPUT};
use super::{from_js, js_error, ColumnInput, NumberInput};
use crate::error::Error;
use crate::input::fits::Reader;
use crate::input::ingest::{
    ColumnRef, Ingest, IngestOptions, ModelChoice, ModelKind, ReadSettings,
};
use crate::input::paired::{in_named_file, PairedData};
use crate::render::comparison_text::comparison_to_markdown;
use crate::render::comparison_text::counts_comparison_to_markdown;
use crate::report::comparison::{compare, Comparison};
use crate::report::counts_comparison::{counts_comparison, CountsComparison};
use crate::report::file_report::FileReportOptions;
use crate::report::flips::flips_csv;
use crate::ConfusionCounts;
use serde::Deserialize;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// How the page asks for a comparison to be read (see `CompareReadInput`
/// in TypeScript): columns by name or 1-based number, kinds `score` or
/// `label`; anything left out is detected.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct CompareReadInput {
    delimiter: Option<String>,
    has_header: Option<bool>,
    truth: Option<ColumnInput>,
    a: Option<ColumnInput>,
    b: Option<ColumnInput>,
    a_kind: Option<String>,
    b_kind: Option<String>,
    max_classes: Option<NumberInput>,
}

/// A kind as the page's menu sends it: empty means "detect".
fn kind_of(option: &'static str, text: Option<String>) -> Result<Option<ModelKind>, Error> {
    match text.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => ModelKind::parse(t).map(Some).ok_or_else(|| {
            crate::options::invalid(option, format!("\"{t}\" is not a kind: use score or label"))
        }),
    }
}

impl CompareReadInput {
    /// The ingest options of each file: both models from one file, or one
    /// model from each of two.
    fn into_options(self, files: usize) -> Result<Vec<IngestOptions>, Error> {
        let limit = resolve(SettingsInput {
            max_classes: self.max_classes,
            ..SettingsInput::default()
        })?
        .max_classes;
        let a = ModelChoice {
            column: self.a.map(ColumnRef::from),
            kind: kind_of("aKind", self.a_kind)?,
        };
        let b = ModelChoice {
            column: self.b.map(ColumnRef::from),
            kind: kind_of("bKind", self.b_kind)?,
        };
        let models: Vec<Vec<ModelChoice>> = if files == 1 {
            vec![vec![a, b]]
        } else {
            vec![vec![a], vec![b]]
        };
        models
            .into_iter()
            .map(|m| {
                ReadSettings {
                    delimiter: self.delimiter.clone().filter(|d| !d.is_empty()),
                    has_header: self.has_header,
                    truth: self.truth.clone().map(ColumnRef::from),
                    models: Some(m),
                    ..ReadSettings::default()
                }
                .options(limit)
            })
            .collect()
    }
}

/// The comparison's options from the page's settings object.
fn comparison_options(options: JsValue) -> Result<FileReportOptions, JsValue> {
    let settings = SettingsInput::read(&options)?;
    Ok(resolve(settings).map_err(from_core)?.file)
}

/// Reads one or two files for a comparison: `run()` reads them in turn,
/// posting progress (tagged `file: 0|1`), and `cancel()` stops at the next
/// chunk.
#[wasm_bindgen]
pub struct CompareRead {
    sources: Vec<web_sys::Blob>,
    names: Vec<String>,
    options: Rc<RefCell<Option<Vec<IngestOptions>>>>,
    id: JsValue,
    post: Option<js_sys::Function>,
    cancel: Cancel,
}

#[wasm_bindgen]
impl CompareRead {
    /// A read of `sources` (one or two `File`s, `Blob`s or texts) named
    /// `names`, with these options (a `CompareReadInput`, or nothing).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "(File | Blob | string)[]")] sources: js_sys::Array,
        names: Vec<String>,
        options: JsValue,
        id: JsValue,
        post: Option<js_sys::Function>,
    ) -> Result<CompareRead, JsValue> {
        let input: CompareReadInput = from_js(options)?;
        let sources: Vec<web_sys::Blob> = sources
            .iter()
            .map(|s| blob_of(&s))
            .collect::<Result<_, _>>()
            .map_err(from_core)?;
        if sources.is_empty() || sources.len() > 2 {
            return Err(js_error(
                "choose one file with the truth and two model columns, or two prediction files",
                None,
            ));
        }
        let options = input
            .into_options(sources.len())
            .map_err(from_core)?
            .into_iter()
            .zip(&sources)
            .map(|(o, s)| o.expected_bytes(s.size() as u64))
            .collect();
        let mut names = names;
        names.resize(sources.len(), String::new());
        for (i, n) in names.iter_mut().enumerate() {
            if n.trim().is_empty() {
                *n = format!("file {}", i + 1);
            }
        }
        Ok(CompareRead {
            sources,
            names,
            options: Rc::new(RefCell::new(Some(options))),
            id,
            post,
            cancel: Cancel::default(),
        })
    }

    /// Reads the files and pairs them; resolves with a `LoadedComparison`,
    /// or rejects with the core's error (`kind` "cancelled" after
    /// `cancel()`, "truth_mismatch" when two files disagree). Runs once.
    #[wasm_bindgen(unchecked_return_type = "Promise<LoadedComparison>")]
    pub fn run(&self) -> js_sys::Promise {
        let sources = self.sources.clone();
        let names = self.names.clone();
        let options = self.options.borrow_mut().take();
        let (id, post, cancel) = (self.id.clone(), self.post.clone(), self.cancel.clone());
        wasm_bindgen_futures::future_to_promise(async move {
            let options =
                options.ok_or_else(|| js_error("this read has already been run", None))?;
            let blobs: Vec<&web_sys::Blob> = sources.iter().collect();
            check_page_fits(&blobs, Reader::Comparison).map_err(from_core)?;
            let mut data = Vec::new();
            for (i, (source, o)) in sources.iter().zip(options).enumerate() {
                let mut progress = Progress::new(id.clone(), post.clone());
                progress.set_file(i as u32);
                let two = sources.len() == 2;
                data.push(
                    read_into(source, Ingest::new(o), &mut progress, &cancel)
                        .await
                        .map_err(|e| if two { in_named_file(e, &names[i]) } else { e })
                        .map_err(from_core)?,
                );
            }
            let paired = match (data.pop(), data.pop()) {
                (Some(b), Some(a)) => PairedData::join(a, b, [&names[0], &names[1]]),
                (Some(one), None) => PairedData::from_one_file(one, &names[0]),
                _ => Err(Error::file("no file was read")),
            }
            .map_err(from_core)?;
            Ok(LoadedComparison { paired, last: None }.into())
        })
    }

    /// Stops the read at the next chunk boundary.
    pub fn cancel(&self) {
        self.cancel.cancel();
    }
}

/// Two models' predictions read and paired; comparisons at any settings.
#[wasm_bindgen]
pub struct LoadedComparison {
    paired: PairedData,
    last: Option<Comparison>,
}

#[wasm_bindgen]
impl LoadedComparison {
    /// The comparison report (`kind: "comparison"`) at these settings (a
    /// `CompareInput`, or nothing).
    #[wasm_bindgen(unchecked_return_type = "ComparisonReport")]
    pub fn report(&mut self, options: JsValue) -> Result<JsValue, JsValue> {
        let options = comparison_options(options)?;
        let comparison = compare(&self.paired, &options).map_err(from_core)?;
        let json = comparison.report.to_json();
        self.last = Some(comparison);
        js_sys::JSON::parse(&json)
    }

    /// The last report as Markdown (as `fitcheck compare --markdown`).
    pub fn markdown(&self) -> Result<String, JsValue> {
        self.last
            .as_ref()
            .map(|c| comparison_to_markdown(&c.report))
            .ok_or_else(|| js_error("make a report first", None))
    }

    /// Every flipped row of the last report as CSV.
    #[wasm_bindgen(js_name = flipsCsv)]
    pub fn flips_csv(&self) -> Result<String, JsValue> {
        self.last
            .as_ref()
            .map(|c| flips_csv(&self.paired, &c.codes))
            .ok_or_else(|| js_error("make a report first", None))
    }

    /// Rows read.
    #[wasm_bindgen(getter)]
    pub fn rows(&self) -> f64 {
        self.paired.rows as f64
    }
}

/// The counts comparison of `input` (a `CompareCountsInput`: two models'
/// counts as typed, `a` and `b`, and the settings).
fn counts_comparison_of(input: JsValue) -> Result<CountsComparison, JsValue> {
    let object = PageObject::new(&input, MALFORMED_INPUT)?;
    let model = |key: &str| {
        let counts = object.required_object(key)?;
        CountsInput::read(&PageObject::new(&counts, MALFORMED_INPUT)?)
    };
    let (a, b) = (model("a")?, model("b")?);
    let settings = SettingsInput::read(&input)?;
    let parse = |c: &CountsInput, prefix: &str| {
        ConfusionCounts::parse(&c.tp, &c.fn_, &c.fp, &c.tn).map_err(|e| {
            let field = e.field().map(|f| format!("{prefix}{f}"));
            let error = from_core(e);
            if let Some(f) = field {
                set(&error, "field", &f.into());
            }
            error
        })
    };
    let a = parse(&a, "a_")?;
    let b = parse(&b, "b_")?;
    let options = resolve(settings).map_err(from_core)?;
    counts_comparison(&a, &b, &options.file).map_err(from_core)
}

/// Compares two models' four counts on the same test set (`kind:
/// "counts_comparison"`). Errors name the field as `a_tp`, `b_fn`, …
/// In the workers' core only: the page calls it on its own instance of that
/// core (www/compare-counts-view.js), so the page's core, fetched when the
/// page opens, holds no comparison code.
#[wasm_bindgen(js_name = compareCounts, unchecked_return_type = "CountsComparison")]
pub fn compare_counts(input: JsValue) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(&counts_comparison_of(input)?.to_compact_json())
}

/// The counts comparison of `input` as Markdown.
#[wasm_bindgen(js_name = compareCountsMarkdown)]
pub fn compare_counts_markdown(input: JsValue) -> Result<String, JsValue> {
    Ok(counts_comparison_to_markdown(&counts_comparison_of(input)?))
}
