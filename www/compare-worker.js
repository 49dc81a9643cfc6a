// @ts-check
// Web Worker for the Compare tab: the wasm core reads the one or two files
// (CompareRead: Blob slices, progress, cancel), joins them row by row and
// keeps the paired columns, so a new threshold costs a report, not a re-read.
// Mirrors ingest-worker.js.
//
// Protocol (every message carries the `id` of the request it belongs to; the
// page ignores answers whose id is not its latest):
// Messages in:  {type: 'load', id, sources: (File|Blob|string)[] (1 or 2), names, read, report}
//               {type: 'report', id, report}
//               {type: 'flips', id}              the flipped examples as CSV
//               {type: 'markdown', id}           the last report as Markdown
//               {type: 'cancel', id?}            stops the read with that id (any read without id)
// Messages out: {type: 'progress', id, bytes, total, rows, elapsedMs, file}  (posted by the core)
//               {type: 'report', id, report, elapsedMs?}
//               {type: 'flips', id, csv} · {type: 'markdown', id, markdown}
//               {type: 'error', id, error: {message, kind, line, columns, field}}
// A new 'load' cancels a read still in progress; the cancelled read answers
// with an error of kind 'cancelled' under its own id.

import init, { CompareRead } from './pkg/fitcheck.js';
import { errorInfo } from './worker-errors.js';

/** @typedef {import('./pkg/fitcheck.js').CompareWorkerRequest} CompareWorkerRequest */
/** @typedef {import('./pkg/fitcheck.js').LoadedComparison} LoadedComparison */

const ready = init();
/** @type {LoadedComparison | null} */
let loaded = null;
/** @type {{id: number, read: CompareRead} | null} */
let reading = null; // the read in progress

/** Drops the loaded comparison and stops any read in progress. */
function forget() {
  reading?.read.cancel();
  reading = null;
  loaded?.free();
  loaded = null;
}

/** @returns {LoadedComparison} */
function current() {
  if (!loaded) throw Object.assign(new Error('No comparison is loaded.'), { kind: 'file' });
  return loaded;
}

/** @param {Extract<CompareWorkerRequest, {type: 'load'}>} request */
async function load({ id, sources, names, read: options, report }) {
  await ready;
  forget();
  const started = performance.now();
  const read = new CompareRead(sources, names, options ?? {}, id);
  reading = { id, read };
  try {
    loaded = await read.run();
  } finally {
    if (reading?.read === read) reading = null;
    read.free();
  }
  postMessage({ type: 'report', id, report: loaded.report(report ?? {}), elapsedMs: performance.now() - started });
}

/** @param {MessageEvent<CompareWorkerRequest>} event */
self.onmessage = async (event) => {
  const message = event.data;
  if (message.type === 'cancel') {
    if (message.id === undefined || message.id === reading?.id) reading?.read.cancel();
    return;
  }
  try {
    if (message.type === 'load') await load(message);
    else if (message.type === 'report') postMessage({ type: 'report', id: message.id, report: current().report(message.report ?? {}) });
    else if (message.type === 'flips') postMessage({ type: 'flips', id: message.id, csv: current().flipsCsv() });
    else if (message.type === 'markdown') postMessage({ type: 'markdown', id: message.id, markdown: current().markdown() });
  } catch (err) {
    postMessage({ type: 'error', id: message.id, error: errorInfo(err) });
  }
};
