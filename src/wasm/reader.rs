//! The one file reader of the page: every tab that reads a file (predictions
//! today; comparison, training logs and leakage next) hands the worker's
//! `File` — or pasted text — to [`read_into`], with a [`Sink`] for its own
//! parser. The reader cuts the file into [`CHUNK_BYTES`] slices, feeds them to
//! the sink, posts progress through the worker's global scope and stops with
//! [`ErrorKind::Cancelled`] when asked to.
//!
//! How it reads, and why: an `async` loop that awaits the file's bytes
//! chunk by chunk, from the `Blob`'s byte stream (a BYOB reader filling one
//! buffer, see `Chunks`) or, where the browser has no byte stream, from
//! `blob.slice(..).arrayBuffer()` with the next slice's read started before
//! the current one is parsed. Two things decide it:
//! - *Cancel stays responsive.* A worker busy in a synchronous loop (say,
//!   `FileReaderSync` chunk after chunk) cannot receive the page's `cancel`
//!   message until the whole file is read. Each await here hands the worker
//!   back to its event loop, so a `cancel` is seen within one chunk (4 MiB,
//!   tens of milliseconds), as the JavaScript loop it replaces did.
//! - *Reading overlaps parsing.* The browser reads ahead on its own thread
//!   while a chunk is parsed; `FileReaderSync` would block the worker
//!   for each read, and driving a synchronous step from JavaScript would
//!   still need a macrotask per chunk to let messages in.
//!
//! Measured with `bench/browser_read.mjs` (now `bench/browser.mjs read`) in headless Chromium on the
//! 10-million-row score file of `bench/run.py` (110 MB; best of 4 on a busy
//! 2-core machine), file picked → columns loaded: 2.6 s with the slice loop,
//! 3.4 s with a `FileReaderSync` loop (one that never even yields for
//! cancel), 4.3 s with the JavaScript loop this replaced.
//!
//! Progress messages have the shape the page already knows:
//! `{type: 'progress', id, bytes, total, rows, elapsedMs}`, one after the
//! first chunk, then at most one every 100 ms, and one after the sink has
//! finished (with the final row count).

use crate::error::{Error, ErrorKind};
use crate::input::fits::{check_files_fit, Reader};
use crate::input::ingest::{Dataset, Ingest};
use js_sys::{Array, ArrayBuffer, Function, Object, Reflect, Uint8Array};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, DedicatedWorkerGlobalScope, ReadableStreamByobReader};

/// Bytes read and handed to the sink at a time: large enough to amortise the
/// trip through JavaScript, small enough for smooth progress and a prompt
/// cancel.
pub const CHUNK_BYTES: usize = 4 * 1024 * 1024;

/// A chunk from the byte stream is handed to the parser once it holds this
/// much, without waiting for the stream to fill [`CHUNK_BYTES`]: Chromium
/// keeps only about 2 MiB of a file read ahead, and the rest of a 4 MiB
/// chunk came in 64 KiB reads while the parser waited (see `StreamChunks`).
const READY_BYTES: u32 = 1024 * 1024;

/// Least time between two progress messages during a read, in ms: the
/// page redraws its progress line for each, and at one message per chunk
/// that was 20–40 ms of a 10-million-row read (headless Chromium).
const PROGRESS_EVERY_MS: f64 = 100.0;

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
    /// When the last progress message went (ms since the epoch); `None` before the first.
    last_sent: Option<f64>,
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
            last_sent: None,
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

    /// Sends progress after a chunk: the first time, then at most every
    /// [`PROGRESS_EVERY_MS`].
    fn send_now_and_then(&mut self, bytes: u64, rows: u64) {
        let now = js_sys::Date::now();
        if self
            .last_sent
            .is_some_and(|last| now - last < PROGRESS_EVERY_MS)
        {
            return;
        }
        self.last_sent = Some(now);
        self.send(bytes, rows);
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
/// progress after the first chunk, then at most every [`PROGRESS_EVERY_MS`],
/// and always after `finish`. Stops with
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
    let mut chunks = Chunks::new(blob, total);
    // One copy into wasm memory, into a buffer reused for every chunk.
    let mut buffer = Vec::new();
    while let Some(chunk) = chunks.next(cancel).await? {
        buffer.resize(chunk.length() as usize, 0);
        chunk.copy_to(&mut buffer);
        sink.push(&buffer)?;
        progress.send_now_and_then(sink.bytes(), sink.rows());
    }
    cancel.check()?;
    let bytes = sink.bytes();
    let output = sink.finish()?;
    progress.send(bytes, S::rows_in(&output));
    Ok(output)
}

/// The file's bytes, [`CHUNK_BYTES`] at a time (the last chunk may be
/// shorter), read through a byte stream when the browser offers one, else
/// through `Blob` slices.
///
/// The stream (`blob.stream()` with a BYOB reader) fills one `ArrayBuffer`
/// over and over, and the browser keeps streaming while a chunk is parsed.
/// Each `slice().arrayBuffer()` makes a new 4 MiB `ArrayBuffer` instead,
/// which the worker's garbage collector frees only now and then: on the
/// 10-million-row score file (110 MB) the slices left about 50 MB of
/// them in the tab's memory when the report was made, and reading the
/// 102 MB string-label file alone (no parsing) took 0.27–0.29 s by slices
/// against 0.09–0.10 s by the stream (headless Chromium; see
/// `bench/browser.mjs read` for the whole read).
enum Chunks {
    Stream(StreamChunks),
    Slices(SliceChunks),
}

impl Chunks {
    fn new(blob: &Blob, total: f64) -> Chunks {
        // A browser whose `Blob` stream is not a byte stream (no BYOB reader)
        // throws here: it is read by slices. `Blob.stream()` itself is in
        // every browser the page runs in (those with wasm SIMD: Chrome 91,
        // Firefox 89, Safari 16.4; it came in Chrome 76, Firefox 69,
        // Safari 14.1).
        match ReadableStreamByobReader::new(&blob.stream()) {
            Ok(reader) => Chunks::Stream(StreamChunks {
                reader,
                space: Some(ArrayBuffer::new(CHUNK_BYTES as u32)),
                open: true,
                read: 0.0,
                total,
            }),
            Err(_) => Chunks::Slices(SliceChunks {
                blob: blob.clone(),
                next: None,
                offset: 0.0,
                total,
            }),
        }
    }

    /// The next chunk, or `None` at the end of the file. Fails when the read
    /// is cancelled (checked after every wait) or the file cannot be read
    /// to its end. The chunk is valid until the next call.
    async fn next(&mut self, cancel: &Cancel) -> Result<Option<Uint8Array>, Error> {
        match self {
            Chunks::Stream(stream) => stream.next(cancel).await,
            Chunks::Slices(slices) => slices.next(cancel).await,
        }
    }
}

/// A byte stream read through a BYOB reader into one buffer. A chunk is
/// handed over once it holds [`READY_BYTES`] (or the stream has ended),
/// with whatever the last read brought beyond that: the browser reads on
/// while the chunk is parsed, so the next read usually finds about 2 MiB
/// waiting. Filling all 4 MiB instead waited for about half of every chunk
/// in 64 KiB reads: 89 of a 545 ms read of 10M rows of string labels in
/// headless Chromium (helper-46's trace, 3 December 2026).
struct StreamChunks {
    reader: ReadableStreamByobReader,
    /// The buffer the reader fills (each read hands it back: `None` while
    /// a read holds it, or once the stream has ended).
    space: Option<ArrayBuffer>,
    /// Whether the stream may still give bytes (not ended, not failed).
    open: bool,
    read: f64,
    total: f64,
}

impl StreamChunks {
    async fn next(&mut self, cancel: &Cancel) -> Result<Option<Uint8Array>, Error> {
        let Some(mut space) = self.space.take() else {
            return Ok(None);
        };
        let full = CHUNK_BYTES as u32;
        let mut filled = 0u32;
        while filled < READY_BYTES && self.open {
            let view = Uint8Array::new_with_byte_offset_and_length(&space, filled, full - filled);
            let result = JsFuture::from(self.reader.read_with_array_buffer_view(&view)).await;
            let result = result.map_err(|e| {
                self.open = false;
                unreadable(&e)
            })?;
            cancel.check()?;
            self.open = !Reflect::get(&result, &"done".into())
                .map(|done| done.is_truthy())
                .unwrap_or(true);
            // The read moves the buffer (`view` is now detached) and hands it
            // back in `value`, which covers the bytes it wrote.
            let value: Uint8Array = Reflect::get(&result, &"value".into())
                .ok()
                .and_then(|v| v.dyn_into().ok())
                .ok_or_else(|| {
                    self.open = false;
                    unreadable(&"the stream gave no buffer back".into())
                })?;
            space = value.buffer();
            filled += value.length();
        }
        self.read += f64::from(filled);
        if self.open {
            self.space = Some(space.clone());
        } else if self.read < self.total {
            return Err(ended_early());
        }
        Ok((filled > 0).then(|| Uint8Array::new_with_byte_offset_and_length(&space, 0, filled)))
    }
}

impl Drop for StreamChunks {
    /// A read that stops before the end (cancelled, a bad row) cancels its
    /// stream, so the browser stops reading the file into it.
    fn drop(&mut self) {
        if self.open {
            // Awaited, so that a refusal (a stream already failed) is handled
            // here rather than reported as an unhandled rejection.
            let cancelled = JsFuture::from(self.reader.cancel());
            wasm_bindgen_futures::spawn_local(async move {
                let _ = cancelled.await;
            });
        }
    }
}

/// `Blob` slices, the next one read ahead while this one is parsed.
struct SliceChunks {
    blob: Blob,
    next: Option<JsFuture>,
    offset: f64,
    total: f64,
}

impl SliceChunks {
    async fn next(&mut self, cancel: &Cancel) -> Result<Option<Uint8Array>, Error> {
        if self.offset == 0.0 && self.next.is_none() && self.total > 0.0 {
            self.next = Some(start_reading(&self.blob, 0.0)?);
        }
        let Some(pending) = self.next.take() else {
            return Ok(None);
        };
        let chunk = Uint8Array::new(&pending.await.map_err(|e| unreadable(&e))?);
        cancel.check()?;
        let len = chunk.length();
        if len == 0 {
            return Err(ended_early());
        }
        self.offset += f64::from(len);
        if self.offset < self.total {
            self.next = Some(start_reading(&self.blob, self.offset)?);
        }
        Ok(Some(chunk))
    }
}

/// Starts reading the slice at `offset`: the browser reads it while the
/// previous chunk is parsed.
fn start_reading(blob: &Blob, offset: f64) -> Result<JsFuture, Error> {
    let slice = blob
        .slice_with_f64_and_f64(offset, offset + CHUNK_BYTES as f64)
        .map_err(|e| unreadable(&e))?;
    Ok(JsFuture::from(slice.array_buffer()))
}

fn ended_early() -> Error {
    Error::file("the file ended early while it was read; it may have been changed: choose it again")
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
