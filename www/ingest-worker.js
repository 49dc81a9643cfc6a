// @ts-check
// Web Worker bootstrap for the predictions file: the wasm core reads the
// file (src/wasm/reader.rs: Blob slices, progress, cancel) so the page stays
// responsive on files of hundreds of megabytes. The worker keeps the loaded
// columns, so a new threshold or task costs a report, not a re-read.
//
// The page posts the compiled core first ({type: 'core', module}; see
// worker-core.js, which takes that message).
//
// Protocol (every message carries the `id` of the request it belongs to; the
// page ignores answers whose id is not its latest):
// Messages in:  {type: 'load', id, source: File|Blob|string, ingest, report}
//               {type: 'demo', id, demo: {separation, prevalence, size, seed}, report}
//               {type: 'report', id, report}
//               {type: 'threshold', id, rank?, threshold?}   a threshold move at the last report's settings
//               {type: 'cancel', id?}   stops the read with that id (any read without id)
// Messages out: {type: 'progress', id, bytes, total, rows, elapsedMs}  (posted by the core)
//               {type: 'report', id, report, elapsedMs?}
//               {type: 'threshold', id, json, elapsedMs}   a ThresholdReport as JSON text: only what a threshold changes
//               {type: 'error', id, error: {message, kind, line, columns, field}}
// A new 'load' or 'demo' cancels a read still in progress; the cancelled
// read answers with an error of kind 'cancelled' under its own id.

import { CsvRead, LoadedFile } from './pkg/fitcheck.js';
import { coreReady } from './worker-core.js';
import { errorInfo } from './worker-errors.js';

/** @typedef {import('./pkg/fitcheck.js').WorkerRequest} WorkerRequest */
/** @typedef {import('./pkg/fitcheck.js').WorkerReply} WorkerReply */

const ready = coreReady;
/** @type {LoadedFile | null} */
let loaded = null;
/** @type {{id: number, read: CsvRead} | null} */
let reading = null; // the read in progress

/** Drops the loaded columns and stops any read in progress. */
function forget() {
  reading?.read.cancel();
  reading = null;
  loaded?.free();
  loaded = null;
}

/** @param {Extract<WorkerRequest, {type: 'load'}>} request */
async function load({ id, source, ingest, report }) {
  await ready;
  forget();
  const started = performance.now();
  const read = new CsvRead(source, ingest ?? {}, id);
  reading = { id, read };
  try {
    loaded = await read.run();
  } finally {
    if (reading?.read === read) reading = null;
    read.free();
  }
  postMessage({ type: 'report', id, report: loaded.report(report ?? {}), elapsedMs: performance.now() - started });
}

/** @param {Extract<WorkerRequest, {type: 'demo'}>} request */
async function demo({ id, demo: options, report: reportOptions }) {
  await ready;
  forget();
  const started = performance.now();
  loaded = LoadedFile.demo(options ?? {});
  postMessage({ type: 'report', id, report: loaded.report(reportOptions ?? {}), elapsedMs: performance.now() - started });
}

/** @param {Extract<WorkerRequest, {type: 'report'}>} request */
function report({ id, report: options }) {
  if (!loaded) throw Object.assign(new Error('No file is loaded.'), { kind: 'file' });
  postMessage({ type: 'report', id, report: loaded.report(options ?? {}) });
}

/** @param {Extract<WorkerRequest, {type: 'threshold'}>} request */
function threshold({ id, rank, threshold: value }) {
  if (!loaded) throw Object.assign(new Error('No file is loaded.'), { kind: 'file' });
  const started = performance.now();
  // The move as JSON text: one string is copied across postMessage, where
  // the parsed object's structured clone cost as much as the move itself.
  const json = loaded.atThresholdJson(rank, value);
  postMessage({ type: 'threshold', id, json, elapsedMs: performance.now() - started });
}

/** @param {MessageEvent<WorkerRequest>} event */
self.onmessage = async (event) => {
  const message = event.data;
  if (message.type === 'cancel') {
    if (message.id === undefined || message.id === reading?.id) reading?.read.cancel();
    return;
  }
  try {
    if (message.type === 'load') await load(message);
    else if (message.type === 'demo') await demo(message);
    else if (message.type === 'report') report(message);
    else if (message.type === 'threshold') threshold(message);
  } catch (err) {
    postMessage({ type: 'error', id: message.id, error: errorInfo(err) });
  }
};
