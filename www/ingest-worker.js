// @ts-check
// Web Worker that reads a predictions file into the wasm core in chunks, so
// the page stays responsive on files of hundreds of megabytes. It keeps the
// loaded columns, so a new threshold or task costs a report, not a re-read.
//
// Messages in:  {type: 'load', id, source: File|Blob|string, ingest, report}
//               {type: 'demo', id, demo: {separation, prevalence, size, seed}, report}
//               {type: 'report', id, report}
//               {type: 'cancel'}
// Messages out: {type: 'progress', id, bytes, total, rows, elapsedMs}
//               {type: 'report', id, report}
//               {type: 'error', id, error: {message, kind, line, columns, field}}

import init, { CsvIngest, LoadedFile } from './pkg/fitcheck.js';

/** @typedef {import('./pkg/fitcheck.js').WorkerRequest} WorkerRequest */
/** @typedef {import('./pkg/fitcheck.js').WorkerReply} WorkerReply */
/** @typedef {import('./pkg/fitcheck.js').ErrorInfo} ErrorInfo */

/** Bytes handed to the parser at a time: large enough to amortise the call, small enough for smooth progress. */
const CHUNK_BYTES = 4 * 1024 * 1024;

const ready = init();
/** @type {LoadedFile | null} */
let loaded = null;
let cancelled = false;

/**
 * @param {any} err what was thrown: a FitcheckError from the core, or anything else
 * @returns {ErrorInfo}
 */
function errorInfo(err) {
  return {
    message: err?.message ?? String(err),
    kind: err?.kind ?? 'internal',
    line: err?.line,
    columns: err?.columns,
    field: err?.field,
  };
}

/** @param {Extract<WorkerRequest, {type: 'load'}>} request */
async function load({ id, source, ingest, report }) {
  await ready;
  cancelled = false;
  loaded?.free();
  loaded = null;
  const blob = typeof source === 'string' ? new Blob([source]) : source;
  const total = blob.size;
  const reader = new CsvIngest({ ...(ingest ?? {}), expectedBytes: total });
  const started = performance.now();
  try {
    for (let offset = 0; offset < total; offset += CHUNK_BYTES) {
      const chunk = new Uint8Array(await blob.slice(offset, offset + CHUNK_BYTES).arrayBuffer());
      if (cancelled) {
        postMessage({ type: 'error', id, error: { message: 'Reading was cancelled.', kind: 'cancelled' } });
        return;
      }
      reader.push(chunk);
      postMessage({ type: 'progress', id, bytes: Math.min(offset + CHUNK_BYTES, total), total, rows: reader.rows, elapsedMs: performance.now() - started });
    }
    loaded = reader.finish();
  } finally {
    reader.free();
  }
  postMessage({ type: 'progress', id, bytes: total, total, rows: loaded.rows, elapsedMs: performance.now() - started });
  postMessage({ type: 'report', id, report: loaded.report(report ?? {}), elapsedMs: performance.now() - started });
}

/** @param {Extract<WorkerRequest, {type: 'demo'}>} request */
async function demo({ id, demo: options, report: reportOptions }) {
  await ready;
  loaded?.free();
  loaded = null;
  const started = performance.now();
  loaded = LoadedFile.demo(options ?? {});
  postMessage({ type: 'report', id, report: loaded.report(reportOptions ?? {}), elapsedMs: performance.now() - started });
}

/** @param {Extract<WorkerRequest, {type: 'report'}>} request */
function report({ id, report: options }) {
  if (!loaded) throw Object.assign(new Error('No file is loaded.'), { kind: 'file' });
  postMessage({ type: 'report', id, report: loaded.report(options ?? {}) });
}

/** @param {MessageEvent<WorkerRequest>} event */
self.onmessage = async (event) => {
  const message = event.data;
  if (message.type === 'cancel') {
    cancelled = true;
    return;
  }
  try {
    if (message.type === 'load') await load(message);
    else if (message.type === 'demo') await demo(message);
    else if (message.type === 'report') report(message);
  } catch (err) {
    postMessage({ type: 'error', id: message.id, error: errorInfo(err) });
  }
};
