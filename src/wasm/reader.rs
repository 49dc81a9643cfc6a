//! The one file reader of the page: every tab that reads a file (predictions
//! today; comparison, training logs and leakage next) hands the worker's
//! `File` — or pasted text — to [`read_into`], with a [`Sink`] for its own
//! parser. The reader cuts the file into [`CHUNK_BYTES`] slices, feeds them to
//! the sink, posts progress through the worker's global scope and stops with
//! [`ErrorKind::Cancelled`] when asked to.
//!
//! How it reads, and why: an `async` loop that awaits
//! `blob.slice(..).arrayBuffer()`, with the next slice's read started before
//! the current one is parsed. Two things decide it:
//! - *Cancel stays responsive.* A worker busy in a synchronous loop (say,
//!   `FileReaderSync` chunk after chunk) cannot receive the page's `cancel`
//!   message until the whole file is read. Each await here hands the worker
//!   back to its event loop, so a `cancel` is seen within one chunk (4 MiB,
//!   tens of milliseconds), as the JavaScript loop it replaces did.
//! - *Reading overlaps parsing.* The browser reads the next slice on its own
//!   thread while this one is parsed; `FileReaderSync` would block the worker
//!   for each read, and driving a synchronous step from JavaScript would
//!   still need a macrotask per chunk to let messages in.
//!
//! Measured with `bench/browser_read.mjs` (now `bench/browser.mjs read`) in headless Chromium on the
//! 10-million-row score file of `bench/run.py` (110 MB; best of 4 on a busy
//! 2-core machine), file picked → columns loaded: 2.6 s with this loop,
//! 3.4 s with a `FileReaderSync` loop (one that never even yields for
//! cancel), 4.3 s with the JavaScript loop this replaced.
//!
//! Progress messages have the shape the page already knows:
//! `{type: 'progress', id, bytes, total, rows, elapsedMs}`, one after every
//! chunk and one after the sink has finished (with the final row count).

use crate::error::{Error, ErrorKind};
use crate::input::fits::{check_files_fit, Reader};
use crate::input::ingest::{Dataset, Ingest};
use js_sys::{Array, Function, Object, Reflect, Uint8Array};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, DedicatedWorkerGlobalScope};

/// Bytes read and handed to the sink at a time: large enough to amortise the
/// trip through JavaScript, small enough for smooth progress and a prompt
/// cancel.
pub const CHUNK_BYTES: usize = 4 * 1024 * 1024;

/// Something a file can be read into, chunk by chunk: a streaming parser.
pub trait Sink {
    /// What the parser makes of the whole file.
    type Output;
    /// Feeds the next chunk (chunks may cut lines and characters anywhere).
    fn push(&mut self, chunk: &[u8]) -> Result<(), Error>;
    /// Records parsed so far, for progress.
    fn rows(&self) -> u64;
    /// Bytes fed so far, for progress.
    fn bytes(&self) -> u64;
    /// Ends the input.
    fn finish(self) -> Result<Self::Output, Error>;
    /// The records in the finished output (the last line may end without a
    /// line break, so this can exceed [`Sink::rows`] before finishing).
    fn rows_in(output: &Self::Output) -> u64;
}

/// The predictions reader: the CSV ingest into columns.
impl Sink for Ingest {
    type Output = Dataset;
    fn push(&mut self, chunk: &[u8]) -> Result<(), Error> {
        Ingest::push(self, chunk)
    }
    fn rows(&self) -> u64 {
        Ingest::rows(self)
    }
    fn bytes(&self) -> u64 {
        Ingest::bytes(self)
    }
    fn finish(self) -> Result<Dataset, Error> {
        Ingest::finish(self)
    }
    fn rows_in(output: &Dataset) -> u64 {
        output.rows
    }
}

/// A cancel switch shared between the page's `cancel` message and the read.
#[derive(Clone, Default)]
pub struct Cancel(Rc<Cell<bool>>);

impl Cancel {
    /// Asks the read to stop at its next chunk.
    pub fn cancel(&self) {
        self.0.set(true);
    }

    /// `Err(Cancelled)` once cancelled.
    fn check(&self) -> Result<(), Error> {
        if self.0.get() {
            Err(Error::new(ErrorKind::Cancelled))
        } else {
            Ok(())
        }
    }
}

/// Where progress goes: a function given by the caller, else the worker's
/// `postMessage`, else (not in a worker, e.g. under Node) nowhere.
pub struct Progress {
    id: JsValue,
    total: f64,
    started: f64,
    post: Option<Function>,
    scope: Option<DedicatedWorkerGlobalScope>,
    file: Option<u32>,
}

impl Progress {
    /// Progress of the read tagged `id` (echoed in every message), posted to
    /// `post` when given.
    pub fn new(id: JsValue, post: Option<Function>) -> Self {
        Progress {
            id,
            total: 0.0,
            started: js_sys::Date::now(),
            post,
            scope: js_sys::global().dyn_into().ok(),
            file: None,
        }
    }

    /// Tags every message with `file`: which of several files is being
    /// read (0-based), for reads of more than one file.
    pub fn set_file(&mut self, index: u32) {
        self.file = Some(index);
    }

    fn send(&self, bytes: u64, rows: u64) {
        let message = Object::new();
        for (key, value) in [
            ("type", JsValue::from_str("progress")),
            ("id", self.id.clone()),
            ("bytes", (bytes as f64).into()),
            ("total", self.total.into()),
            ("rows", (rows as f64).into()),
            ("elapsedMs", (js_sys::Date::now() - self.started).into()),
        ] {
            let _ = Reflect::set(&message, &key.into(), &value);
        }
        if let Some(file) = self.file {
            let _ = Reflect::set(&message, &"file".into(), &file.into());
        }
        // Progress is advisory: a failure to post it must not fail the read.
        if let Some(post) = &self.post {
            let _ = post.call1(&JsValue::NULL, &message);
        } else if let Some(scope) = &self.scope {
            let _ = scope.post_message(&message);
        }
    }
}

/// The source as a `Blob`: a `File` or `Blob` as it is, text (pasted CSV)
/// wrapped in one, so both go through the same reader.
pub fn blob_of(source: &JsValue) -> Result<Blob, Error> {
    if let Some(text) = source.as_string() {
        return Blob::new_with_str_sequence(&Array::of1(&text.into()))
            .map_err(|e| Error::file(format!("the text could not be read ({})", message_of(&e))));
    }
    source.clone().dyn_into::<Blob>().map_err(|_| {
        Error::file("fitcheck received malformed input: the source must be a File, a Blob or text")
    })
}

/// Refuses, before a byte is read, files whose read would not fit in the
/// page's memory (wasm32: 4 GiB), with the core's sentence naming the
/// command-line tool (`too_large`); every door's `run` calls it first.
pub fn check_page_fits(blobs: &[&Blob], reader: Reader) -> Result<(), Error> {
    let sizes: Vec<u64> = blobs.iter().map(|b| b.size() as u64).collect();
    check_files_fit(&sizes, reader)
}

/// Reads `blob` into `sink` chunk by chunk (see the module comment), posting
/// progress after each chunk and after `finish`. Stops with
/// [`ErrorKind::Cancelled`] at the first chunk boundary after `cancel`, and
/// with a `file` error if the browser cannot read the file (moved, changed).
pub async fn read_into<S: Sink>(
    blob: &Blob,
    mut sink: S,
    progress: &mut Progress,
    cancel: &Cancel,
) -> Result<S::Output, Error> {
    let total = blob.size();
    progress.total = total;
    let mut offset = 0.0;
    let mut next = (total > 0.0)
        .then(|| start_reading(blob, offset))
        .transpose()?;
    let mut buffer = Vec::new();
    while let Some(pending) = next.take() {
        let chunk = Uint8Array::new(&pending.await.map_err(|e| unreadable(&e))?);
        cancel.check()?;
        let len = chunk.length() as usize;
        if len == 0 {
            return Err(Error::file(
                "the file ended early while it was read; it may have been changed: choose it again",
            ));
        }
        offset += len as f64;
        if offset < total {
            next = Some(start_reading(blob, offset)?);
        }
        // One copy into wasm memory, into a buffer reused for every chunk.
        buffer.resize(len, 0);
        chunk.copy_to(&mut buffer);
        sink.push(&buffer)?;
        progress.send(sink.bytes(), sink.rows());
    }
    cancel.check()?;
    let bytes = sink.bytes();
    let output = sink.finish()?;
    progress.send(bytes, S::rows_in(&output));
    Ok(output)
}

/// Starts reading the slice at `offset`: the browser reads it while the
/// previous chunk is parsed.
fn start_reading(blob: &Blob, offset: f64) -> Result<JsFuture, Error> {
    let slice = blob
        .slice_with_f64_and_f64(offset, offset + CHUNK_BYTES as f64)
        .map_err(|e| unreadable(&e))?;
    Ok(JsFuture::from(slice.array_buffer()))
}

fn unreadable(err: &JsValue) -> Error {
    Error::file(format!(
        "the file could not be read ({}); it may have been moved or changed: choose it again",
        message_of(err)
    ))
}

/// The message of a thrown `Error`/`DOMException`, or the value as text.
fn message_of(err: &JsValue) -> String {
    Reflect::get(err, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_else(|| format!("{err:?}"))
}
