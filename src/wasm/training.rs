//! The page's door to training curves: [`TrainingRead`] reads one or more
//! log files through the one file reader, and [`LoadedTraining`] makes
//! reports on them at any settings. Conversions only; the work is in
//! `input/training/` and `report/training.rs`.

use super::reader::{blob_of, check_page_fits, read_into, Cancel, Progress, Sink};
use super::{from_core, js_error, resolve, SettingsInput};
use crate::error::Error;
use crate::input::fits::Reader;
use crate::input::training::{read_logs, TrainingLog};
use crate::render::training_text::training_to_markdown;
use crate::report::training::training_report;
use crate::report::training_contract::TrainingReport;
use wasm_bindgen::prelude::*;

/// A log file gathered whole: training logs are parsed in one go (a
/// million points is a few tens of megabytes), but read in chunks so the
/// page shows progress and can cancel.
#[derive(Default)]
struct WholeFile {
    bytes: Vec<u8>,
    lines: u64,
}

impl Sink for WholeFile {
    type Output = Vec<u8>;
    fn push(&mut self, chunk: &[u8]) -> Result<(), Error> {
        self.lines += memchr::memchr_iter(b'\n', chunk).count() as u64;
        self.bytes.extend_from_slice(chunk);
        Ok(())
    }
    fn rows(&self) -> u64 {
        self.lines
    }
    fn bytes(&self) -> u64 {
        self.bytes.len() as u64
    }
    fn finish(self) -> Result<Vec<u8>, Error> {
        Ok(self.bytes)
    }
    fn rows_in(output: &Vec<u8>) -> u64 {
        memchr::memchr_iter(b'\n', output).count() as u64
    }
}

/// Reads one or more training logs: `run()` reads them in turn, posting
/// progress (tagged `file`), and `cancel()` stops at the next chunk.
#[wasm_bindgen]
pub struct TrainingRead {
    sources: Vec<web_sys::Blob>,
    names: Vec<String>,
    id: JsValue,
    post: Option<js_sys::Function>,
    cancel: Cancel,
}

#[wasm_bindgen]
impl TrainingRead {
    /// A read of `sources` (`File`s, `Blob`s or texts) named `names`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "(File | Blob | string)[]")] sources: js_sys::Array,
        names: Vec<String>,
        id: JsValue,
        post: Option<js_sys::Function>,
    ) -> Result<TrainingRead, JsValue> {
        let sources: Vec<web_sys::Blob> = sources
            .iter()
            .map(|s| blob_of(&s))
            .collect::<Result<_, _>>()
            .map_err(from_core)?;
        if sources.is_empty() {
            return Err(js_error("choose at least one training log", None));
        }
        let mut names = names;
        names.resize(sources.len(), String::new());
        for (i, n) in names.iter_mut().enumerate() {
            if n.trim().is_empty() {
                *n = format!("log {}", i + 1);
            }
        }
        Ok(TrainingRead {
            sources,
            names,
            id,
            post,
            cancel: Cancel::default(),
        })
    }

    /// Reads the logs; resolves with a `LoadedTraining`, or rejects with the
    /// core's error (`kind` "cancelled" after `cancel()`).
    #[wasm_bindgen(unchecked_return_type = "Promise<LoadedTraining>")]
    pub fn run(&self) -> js_sys::Promise {
        let sources = self.sources.clone();
        let names = self.names.clone();
        let (id, post, cancel) = (self.id.clone(), self.post.clone(), self.cancel.clone());
        wasm_bindgen_futures::future_to_promise(async move {
            let blobs: Vec<&web_sys::Blob> = sources.iter().collect();
            check_page_fits(&blobs, Reader::TrainingLog).map_err(from_core)?;
            let mut files = Vec::new();
            for (i, (source, name)) in sources.iter().zip(names).enumerate() {
                let mut progress = Progress::new(id.clone(), post.clone());
                progress.set_file(i as u32);
                let bytes = read_into(source, WholeFile::default(), &mut progress, &cancel)
                    .await
                    .map_err(from_core)?;
                files.push((name, bytes));
            }
            let log = read_logs(&files).map_err(from_core)?;
            Ok(LoadedTraining { log, last: None }.into())
        })
    }

    /// Stops the read at the next chunk boundary.
    pub fn cancel(&self) {
        self.cancel.cancel();
    }
}

/// A training log read; reports on it at any settings.
#[wasm_bindgen]
pub struct LoadedTraining {
    log: TrainingLog,
    last: Option<TrainingReport>,
}

#[wasm_bindgen]
impl LoadedTraining {
    /// The training report (`kind: "training"`) at these settings (a
    /// `SettingsInput`: monitor, mode, patience, minDelta, smoothing, curves).
    #[wasm_bindgen(unchecked_return_type = "TrainingReport")]
    pub fn report(&mut self, options: JsValue) -> Result<JsValue, JsValue> {
        let settings = SettingsInput::read(&options)?;
        let options = resolve(settings).map_err(from_core)?.training;
        let report = training_report(&self.log, &options).map_err(from_core)?;
        let json = report.to_json();
        self.last = Some(report);
        js_sys::JSON::parse(&json)
    }

    /// The last report as Markdown (as `fitcheck training --markdown`).
    pub fn markdown(&self) -> Result<String, JsValue> {
        self.last
            .as_ref()
            .map(training_to_markdown)
            .ok_or_else(|| js_error("make a report first", None))
    }

    /// Points read over every series.
    #[wasm_bindgen(getter)]
    pub fn points(&self) -> f64 {
        self.log.points() as f64
    }
}
