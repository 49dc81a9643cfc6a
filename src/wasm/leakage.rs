//! The page's door to the leakage check: [`LeakageRead`] streams a training
//! file and a test file through the one file reader into one hash per row,
//! and [`LoadedLeakage`] hands out the report, its Markdown and the
//! overlapping examples as CSV. Conversions only; the work is in
//! `input/leakage/`, `metrics/leakage.rs` and `report/leakage.rs`.

use super::reader::{blob_of, check_page_fits, read_into, Cancel, Progress, Sink};
use super::{from_core, from_js, js_error, set};
use crate::error::{Error, ErrorKind};
use crate::input::fits::Reader;
use crate::input::leakage::{in_file, ColumnPlan, HashReader, HashedFile, LeakageSettings};
use crate::render::leakage_text::{examples_csv, leakage_to_markdown};
use crate::report::leakage::leakage_report;
use crate::report::leakage_contract::LeakageReport;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

/// The core's streaming hash reader as a [`Sink`].
impl Sink for HashReader {
    type Output = HashedFile;
    fn push(&mut self, chunk: &[u8]) -> Result<(), Error> {
        HashReader::push(self, chunk)
    }
    fn rows(&self) -> u64 {
        HashReader::rows(self)
    }
    fn bytes(&self) -> u64 {
        HashReader::bytes(self)
    }
    fn finish(self) -> Result<HashedFile, Error> {
        HashReader::finish(self)
    }
    fn rows_in(output: &HashedFile) -> u64 {
        output.rows.len() as u64
    }
}

/// A column error of the test file lists the test file's header (and its
/// message says so); the page offers every column of both files to compare
/// or ignore, so the thrown error's `columns` are the training file's
/// (compared, then ignored), then the test file's others.
fn with_training_columns(error: Error, plan: &ColumnPlan) -> JsValue {
    let columns = match error.kind() {
        ErrorKind::NeedMapping { columns, .. } => columns.clone(),
        _ => return from_core(error),
    };
    let mut all: Vec<String> = plan.columns.iter().chain(&plan.ignored).cloned().collect();
    for c in columns {
        if !all.contains(&c) {
            all.push(c);
        }
    }
    let thrown = from_core(error);
    let list: js_sys::Array = all.iter().map(|c| JsValue::from_str(c)).collect();
    set(&thrown, "columns", &list);
    thrown
}

/// The options as the page sends them (see `LeakageOptions` in TypeScript).
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct LeakageOptionsInput {
    label: Option<String>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    normalize_text: bool,
    #[serde(default)]
    skip_bad_rows: bool,
}

/// Reads a training file and a test file for the leakage check: `run()`
/// reads them in turn (progress tagged `file` 0 then 1), `cancel()` stops
/// at the next chunk.
#[wasm_bindgen]
pub struct LeakageRead {
    sources: [web_sys::Blob; 2],
    settings: LeakageSettings,
    id: JsValue,
    post: Option<js_sys::Function>,
    cancel: Cancel,
}

#[wasm_bindgen]
impl LeakageRead {
    /// A read of `[train, test]` (`File`s, `Blob`s or texts) with the
    /// options (`LeakageOptions`: label, ignore, normalizeText, skipBadRows). `names` is
    /// kept for symmetry with the other reads; errors say "training" or
    /// "test" file.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "(File | Blob | string)[]")] sources: js_sys::Array,
        names: Vec<String>,
        #[wasm_bindgen(unchecked_param_type = "LeakageOptions")] options: JsValue,
        id: JsValue,
        post: Option<js_sys::Function>,
    ) -> Result<LeakageRead, JsValue> {
        let _ = names;
        let sources: Vec<web_sys::Blob> = sources
            .iter()
            .map(|s| blob_of(&s))
            .collect::<Result<_, _>>()
            .map_err(from_core)?;
        let [train, test]: [web_sys::Blob; 2] = sources
            .try_into()
            .map_err(|_| js_error("choose two files: a training set and a test set", None))?;
        let options: LeakageOptionsInput = from_js(options)?;
        let label = options.label.filter(|l| !l.trim().is_empty());
        Ok(LeakageRead {
            sources: [train, test],
            settings: LeakageSettings {
                label,
                ignore: options.ignore,
                normalize_text: options.normalize_text,
                skip_bad_rows: options.skip_bad_rows,
            },
            id,
            post,
            cancel: Cancel::default(),
        })
    }

    /// Reads both files; resolves with a `LoadedLeakage`, or rejects with the
    /// core's error (`kind` "need_mapping" with `columns` — both files'
    /// columns once the training file is read — for a column in one file
    /// only; "cancelled" after `cancel()`).
    #[wasm_bindgen(unchecked_return_type = "Promise<LoadedLeakage>")]
    pub fn run(&self) -> js_sys::Promise {
        let [train_blob, test_blob] = self.sources.clone();
        let settings = self.settings.clone();
        let (id, post, cancel) = (self.id.clone(), self.post.clone(), self.cancel.clone());
        wasm_bindgen_futures::future_to_promise(async move {
            check_page_fits(&[&train_blob, &test_blob], Reader::Leakage).map_err(from_core)?;
            let mut progress = Progress::new(id.clone(), post.clone());
            progress.set_file(0);
            let train = read_into(
                &train_blob,
                HashReader::new(&settings, None),
                &mut progress,
                &cancel,
            )
            .await
            .map_err(|e| from_core(in_file(e, "training")))?;
            let mut progress = Progress::new(id, post);
            progress.set_file(1);
            let test = read_into(
                &test_blob,
                HashReader::new(&settings, Some(&train.plan)),
                &mut progress,
                &cancel,
            )
            .await
            .map_err(|e| with_training_columns(in_file(e, "test"), &train.plan))?;
            let report = leakage_report(train, &test, &settings);
            Ok(LoadedLeakage { report }.into())
        })
    }

    /// Stops the read at the next chunk boundary.
    pub fn cancel(&self) {
        self.cancel.cancel();
    }
}

/// A train/test pair checked for leakage.
#[wasm_bindgen]
pub struct LoadedLeakage {
    report: LeakageReport,
}

#[wasm_bindgen]
impl LoadedLeakage {
    /// The report (`kind: "leakage"`), the same JSON as `fitcheck leakage --json`.
    #[wasm_bindgen(unchecked_return_type = "LeakageReport")]
    pub fn report(&self) -> Result<JsValue, JsValue> {
        js_sys::JSON::parse(&self.report.to_json())
    }

    /// The report as Markdown (as `fitcheck leakage --markdown`).
    pub fn markdown(&self) -> String {
        leakage_to_markdown(&self.report)
    }

    /// The overlapping examples as CSV: `test_line,train_line`.
    #[wasm_bindgen(js_name = examplesCsv)]
    pub fn examples_csv(&self) -> String {
        examples_csv(&self.report)
    }
}
