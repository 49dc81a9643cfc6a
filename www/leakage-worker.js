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

import { LeakageRead } from './pkg/fitcheck.js';
import { serveReads } from './worker-loop.js';

/** @typedef {import('./pkg/fitcheck.js').LeakageWorkerRequest} LeakageWorkerRequest */
/** @typedef {import('./pkg/fitcheck.js').LoadedLeakage} LoadedLeakage */

serveReads({
  missing: 'No training and test files are loaded.',
  /** @param {Extract<LeakageWorkerRequest, {type: 'load'}>} request */
  start: (request) => new LeakageRead(request.sources, request.names, request.options ?? {}, request.id),
  firstReport: (loaded) => loaded.report(),
  answers: {
    markdown: (loaded) => ({ markdown: loaded.markdown() }),
    examples: (loaded) => ({ csv: loaded.examplesCsv() }),
  },
});
