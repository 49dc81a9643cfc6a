// @ts-check
// Web Worker for the Training curves tab: the wasm core reads one or more
// log files (TrainingRead: progress, cancel), keeps the series, and answers
// each new set of options (smoothing, monitored series, mode, early
// stopping) with a fresh report, so a slider move costs a report, not a
// re-read. Mirrors compare-worker.js.
//
// Protocol (every message carries the `id` of the request it belongs to; the
// page ignores answers whose id is not its latest):
// Messages in:  {type: 'load', id, sources: (File|Blob|string)[], names, report}
//               {type: 'report', id, report}
//               {type: 'markdown', id}           the last report as Markdown
//               {type: 'cancel', id?}            stops the read with that id (any read without id)
// Messages out: {type: 'progress', id, bytes, total, rows, elapsedMs, file}  (posted by the core)
//               {type: 'report', id, report, elapsedMs?}
//               {type: 'markdown', id, markdown}
//               {type: 'error', id, error: {message, kind, line, columns, field}}
// A new 'load' cancels a read still in progress; the cancelled read answers
// with an error of kind 'cancelled' under its own id.

import init, { TrainingRead } from './pkg/fitcheck.js';
import { errorInfo } from './worker-errors.js';

/** @typedef {import('./pkg/fitcheck.js').TrainingWorkerRequest} TrainingWorkerRequest */
/** @typedef {import('./pkg/fitcheck.js').LoadedTraining} LoadedTraining */

const ready = init();
/** @type {LoadedTraining | null} */
let loaded = null;
/** @type {{id: number, read: TrainingRead} | null} */
let reading = null; // the read in progress

/** Drops the loaded log and stops any read in progress. */
function forget() {
  reading?.read.cancel();
  reading = null;
  loaded?.free();
  loaded = null;
}

/** @returns {LoadedTraining} */
function current() {
  if (!loaded) throw Object.assign(new Error('No training log is loaded.'), { kind: 'file' });
  return loaded;
}

/** @param {Extract<TrainingWorkerRequest, {type: 'load'}>} request */
async function load({ id, sources, names, report }) {
  await ready;
  forget();
  const started = performance.now();
  const read = new TrainingRead(sources, names, id);
  reading = { id, read };
  try {
    loaded = await read.run();
  } finally {
    if (reading?.read === read) reading = null;
    read.free();
  }
  postMessage({ type: 'report', id, report: loaded.report(report ?? {}), elapsedMs: performance.now() - started });
}

/** @param {MessageEvent<TrainingWorkerRequest>} event */
self.onmessage = async (event) => {
  const message = event.data;
  if (message.type === 'cancel') {
    if (message.id === undefined || message.id === reading?.id) reading?.read.cancel();
    return;
  }
  try {
    if (message.type === 'load') await load(message);
    else if (message.type === 'report') postMessage({ type: 'report', id: message.id, report: current().report(message.report ?? {}) });
    else if (message.type === 'markdown') postMessage({ type: 'markdown', id: message.id, markdown: current().markdown() });
  } catch (err) {
    postMessage({ type: 'error', id: message.id, error: errorInfo(err) });
  }
};
