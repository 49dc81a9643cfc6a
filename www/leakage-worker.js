// @ts-check
// Web Worker for the Leakage check tab: the wasm core streams a training
// file and a test file (LeakageRead: progress tagged file 0 then 1, cancel)
// into one hash per row and keeps the report, its Markdown and the
// overlapping examples as CSV. Mirrors training-worker.js.
//
// Protocol (every message carries the `id` of the request it belongs to; the
// page ignores answers whose id is not its latest):
// Messages in:  {type: 'load', id, sources: [train, test], names, options: {label, ignore, normalizeText}}
//               {type: 'markdown', id}           the report as Markdown
//               {type: 'examples', id}           the overlapping examples as CSV
//               {type: 'cancel', id?}            stops the read with that id (any read without id)
// Messages out: {type: 'progress', id, bytes, total, rows, elapsedMs, file}  (posted by the core)
//               {type: 'report', id, report, elapsedMs}
//               {type: 'markdown', id, markdown}
//               {type: 'examples', id, csv}
//               {type: 'error', id, error: {message, kind, line, columns, field}}
// A new 'load' cancels a read still in progress; the cancelled read answers
// with an error of kind 'cancelled' under its own id.

import init, { LeakageRead } from './pkg/fitcheck.js';
import { errorInfo } from './worker-errors.js';

/** @typedef {import('./pkg/fitcheck.js').LeakageWorkerRequest} LeakageWorkerRequest */
/** @typedef {import('./pkg/fitcheck.js').LoadedLeakage} LoadedLeakage */

const ready = init();
/** @type {LoadedLeakage | null} */
let loaded = null;
/** @type {{id: number, read: LeakageRead} | null} */
let reading = null; // the read in progress

/** Drops the loaded pair and stops any read in progress. */
function forget() {
  reading?.read.cancel();
  reading = null;
  loaded?.free();
  loaded = null;
}

/** @returns {LoadedLeakage} */
function current() {
  if (!loaded) throw Object.assign(new Error('No training and test files are loaded.'), { kind: 'file' });
  return loaded;
}

/** @param {Extract<LeakageWorkerRequest, {type: 'load'}>} request */
async function load({ id, sources, names, options }) {
  await ready;
  forget();
  const started = performance.now();
  const read = new LeakageRead(sources, names, options ?? {}, id);
  reading = { id, read };
  try {
    loaded = await read.run();
  } finally {
    if (reading?.read === read) reading = null;
    read.free();
  }
  postMessage({ type: 'report', id, report: loaded.report(), elapsedMs: performance.now() - started });
}

/** @param {MessageEvent<LeakageWorkerRequest>} event */
self.onmessage = async (event) => {
  const message = event.data;
  if (message.type === 'cancel') {
    if (message.id === undefined || message.id === reading?.id) reading?.read.cancel();
    return;
  }
  try {
    if (message.type === 'load') await load(message);
    else if (message.type === 'markdown') postMessage({ type: 'markdown', id: message.id, markdown: current().markdown() });
    else if (message.type === 'examples') postMessage({ type: 'examples', id: message.id, csv: current().examplesCsv() });
  } catch (err) {
    postMessage({ type: 'error', id: message.id, error: errorInfo(err) });
  }
};
