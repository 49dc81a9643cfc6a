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

import { TrainingRead } from './pkg/fitcheck.js';
import { serveReads } from './worker-loop.js';

/** @typedef {import('./pkg/fitcheck.js').TrainingWorkerRequest} TrainingWorkerRequest */
/** @typedef {import('./pkg/fitcheck.js').LoadedTraining} LoadedTraining */

serveReads({
  missing: 'No training log is loaded.',
  /** @param {Extract<TrainingWorkerRequest, {type: 'load'}>} request */
  start: (request) => new TrainingRead(request.sources, request.names, request.id),
  firstReport: (loaded, request) => loaded.report(request.report ?? {}),
  answers: {
    report: (loaded, request) => ({ report: loaded.report(request.report ?? {}) }),
    markdown: (loaded) => ({ markdown: loaded.markdown() }),
  },
});
